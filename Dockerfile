# The official Odoo 19 image with the OCA add-on the modules depend on: web_timeline
# (the dispatcher's timeline, DSP-1), installed from PyPI as OCA publishes it (without
# its dependency on the odoo distribution: the image's Odoo is the Debian package), and
# this repository's add-ons in /mnt/extra-addons (the image's addons path; the
# development compose file mounts the checkout over them).
FROM odoo:19
USER root
RUN pip3 install --no-cache-dir --break-system-packages --no-deps "odoo-addon-web_timeline>=19.0a,<19.1"
COPY aftersales_service /mnt/extra-addons/aftersales_service
COPY aftersales_survey /mnt/extra-addons/aftersales_survey
COPY aftersales_complaint /mnt/extra-addons/aftersales_complaint
COPY docker/aftersales-start /usr/local/bin/aftersales-start
USER odoo
# creates the database with the modules on the first start, then serves it
CMD ["aftersales-start"]
