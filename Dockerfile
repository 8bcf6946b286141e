# The official Odoo 19 image with the OCA add-on the modules depend on: web_timeline
# (the dispatcher's timeline, DSP-1), installed from PyPI as OCA publishes it.
FROM odoo:19
USER root
RUN pip3 install --no-cache-dir --break-system-packages "odoo-addon-web_timeline>=19.0a,<19.1"
USER odoo
