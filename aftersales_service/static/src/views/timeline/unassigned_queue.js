import { Component, onWillStart, useState } from "@odoo/owl";
import { deserializeDateTime, formatDateTime } from "@web/core/l10n/dates";
import { useService } from "@web/core/utils/hooks";

/**
 * DSP-1 / DSP-2: the unassigned queue beside the dispatcher's timeline, the most urgent
 * SLA deadline first; "Assign" gives a request to the best-ranked technician and slot.
 */
export class UnassignedQueue extends Component {
    static template = "aftersales_service.UnassignedQueue";
    static props = { onAssigned: Function };

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({ requests: [] });
        onWillStart(() => this.load());
    }

    async load() {
        this.state.requests = await this.orm.searchRead(
            "aftersales.request",
            [
                ["state", "=", "new"],
                ["technician_id", "=", false],
            ],
            ["name", "partner_id", "sla_deadline", "sla_status", "symptom"],
            { order: "sla_deadline, id", limit: 40 }
        );
    }

    /** The SLA deadline in the user's time zone, without the year. */
    deadline(request) {
        return request.sla_deadline
            ? formatDateTime(deserializeDateTime(request.sla_deadline), { format: "MM-dd HH:mm" })
            : "";
    }

    async assign(request) {
        await this.orm.call("aftersales.request", "action_assign_best", [[request.id]]);
        await this.load();
        await this.props.onAssigned();
    }

    open(request) {
        this.action.doAction({
            type: "ir.actions.act_window",
            res_model: "aftersales.request",
            res_id: request.id,
            views: [[false, "form"]],
            target: "new",
        });
    }
}
