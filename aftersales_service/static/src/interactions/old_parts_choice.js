import { Interaction } from "@web/public/interaction";
import { registry } from "@web/core/registry";
import { rpc } from "@web/core/network/rpc";

/**
 * RPR-7: the customer's choice for the replaced parts, saved as soon as it is
 * ticked in the estimate's signing dialog (the signature itself goes through
 * Odoo's signature form, which then finds the choice made).
 */
export class OldPartsChoice extends Interaction {
    static selector = ".o_aftersales_old_parts";
    dynamicContent = {
        "input[name=aftersales_old_parts]": { "t-on-change.withTarget": this.locked(this.onChange) },
        ".o_aftersales_old_parts_error": {
            "t-att-class": () => ({ "d-none": !this.error }),
            "t-out": () => this.error,
        },
    };

    setup() {
        this.error = "";
    }

    async onChange(event, input) {
        const result = await this.waitFor(rpc(this.el.dataset.url, { choice: input.value }));
        this.error = result.error || "";
    }
}

registry.category("public.interactions").add("aftersales_service.old_parts_choice", OldPartsChoice);
