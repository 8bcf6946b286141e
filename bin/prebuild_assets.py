"""Build the asset bundles the browser tours load, once, before the tests run.

Run through `odoo shell` (bin/test does). Without it the first tour builds them inside
its request, under the test cursor's lock: a long build on a busy
machine makes the browser's other requests fail with "Unable to acquire lock for test
cursor" and the tour fails for no fault of the product.
"""

BUNDLES = [
    # (bundle, kinds of files it serves, whether its CSS is autoprefixed)
    ("web.assets_web", ("js", "css"), False),
    ("web.assets_web_print", ("css",), False),
    ("web.assets_tests", ("js",), False),
    ("web.assets_emoji", ("js",), False),
    ("web.assets_frontend", ("css",), False),
    ("web.assets_frontend_minimal", ("js",), False),
    ("web.assets_frontend_lazy", ("js",), False),
    ("portal.assets_chatter", ("js", "css"), False),
    ("portal.assets_chatter_style", ("css",), False),
    ("survey.survey_assets", ("js", "css"), False),
    ("web.report_assets_common", ("css",), True),
    ("web.report_assets_pdf", ("css",), True),
]

qweb = env["ir.qweb"]  # noqa: F821 - `env` is given by odoo shell
for name, kinds, autoprefix in BUNDLES:
    bundle = qweb._get_asset_bundle(name, autoprefix=autoprefix)
    for kind in kinds:
        getattr(bundle, kind)()
env.cr.commit()  # noqa: F821
print(f"prebuilt {len(BUNDLES)} asset bundles")
