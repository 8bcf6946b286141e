import { Component } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { SelectCreateDialog } from "@web/views/view_dialogs/select_create_dialog";
import { standardWidgetProps } from "@web/views/widgets/standard_widget_props";

/**
 * FLD-2 / FLD-3: a part used on the job in two taps: the button, then the spare part.
 * The line takes one of it (the quantity stays editable on the line).
 */
export class AddPartButton extends Component {
    static template = "aftersales_service.AddPartButton";
    static props = { ...standardWidgetProps };

    setup() {
        this.orm = useService("orm");
        this.dialog = useService("dialog");
    }

    async onClick() {
        const record = this.props.record;
        if (!(await record.save())) {
            return;
        }
        this.dialog.add(SelectCreateDialog, {
            resModel: "product.product",
            title: _t("Add a Part"),
            domain: [
                ["type", "=", "consu"],
                ["aftersales_spare_part", "=", true],
            ],
            // the picker's cards show what the van (else the warehouse) holds
            context: {
                kanban_view_ref: "aftersales_service.view_product_kanban_aftersales_part",
                location: record.data.parts_location_id?.id,
            },
            multiSelect: false,
            noCreate: true,
            onSelected: async (productIds) => {
                await this.orm.call("aftersales.request", "action_add_parts", [[record.resId], productIds]);
                await record.load();
            },
        });
    }
}

registry.category("view_widgets").add("aftersales_add_part_button", { component: AddPartButton });
