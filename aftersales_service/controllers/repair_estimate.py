from odoo import http
from odoo.addons.sale.controllers.portal import CustomerPortal
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request


class AftersalesRepairEstimatePortal(CustomerPortal):
    """RPR-7: the customer signs a paid repair's estimate on Odoo's quotation page and
    says there what becomes of the replaced parts; signing without that choice is refused."""

    @http.route(["/my/orders/<int:order_id>/old_parts"], type="jsonrpc", auth="public", website=True)
    def portal_aftersales_old_parts(self, order_id, choice=None, access_token=None):
        access_token = access_token or request.httprequest.args.get("access_token")
        try:
            order_sudo = self._document_check_access("sale.order", order_id, access_token=access_token)
            order_sudo._set_old_parts_choice(choice)
        except (AccessError, MissingError):
            return {"error": request.env._("Invalid order.")}
        except UserError as error:
            return {"error": error.args[0]}
        return {}

    @http.route()
    def portal_quote_accept(self, order_id, access_token=None, name=None, signature=None):
        token = access_token or request.httprequest.args.get("access_token")
        try:
            order_sudo = self._document_check_access("sale.order", order_id, access_token=token)
        except (AccessError, MissingError):
            order_sudo = None  # Odoo's own route answers
        if order_sudo and (repair := order_sudo._get_estimate_repair()) and not repair.old_parts_choice:
            return {"error": request.env._("Choose what becomes of your replaced parts before signing.")}
        return super().portal_quote_accept(
            order_id, access_token=access_token, name=name, signature=signature
        )
