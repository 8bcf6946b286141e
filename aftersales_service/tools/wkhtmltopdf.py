"""True sizes on paper, whatever the machine's wkhtmltopdf build."""

import functools
import subprocess

from odoo.tools.misc import find_in_path

# Without Odoo's patched Qt (Debian's package), wkhtmltopdf always shrinks the page to fit:
# its --disable-smart-shrinking and --zoom need the patched build, and one CSS millimetre
# prints as 0.768 mm. Sticker sheets need true millimetres.
UNPATCHED_ZOOM = 1.302


@functools.lru_cache(1)
def true_size_zoom():
    """The CSS zoom that prints millimetres as millimetres (1 with a patched build)."""
    try:
        version = subprocess.run(
            [find_in_path("wkhtmltopdf"), "--version"], capture_output=True, text=True, check=False
        ).stdout
    except OSError:
        return 1.0
    return 1.0 if "patched qt" in version else UNPATCHED_ZOOM
