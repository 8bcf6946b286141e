import { Component } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { standardWidgetProps } from "@web/views/widgets/standard_widget_props";

/** The phone's position, or null when the technician declined, the phone has none or
 * it takes longer than ``timeout`` ms: arriving never waits on it for long. */
function currentPosition(timeout) {
    return new Promise((resolve) => {
        if (!navigator.geolocation) {
            resolve(null);
            return;
        }
        const timer = setTimeout(() => resolve(null), timeout + 500);
        navigator.geolocation.getCurrentPosition(
            (position) => {
                clearTimeout(timer);
                resolve({ latitude: position.coords.latitude, longitude: position.coords.longitude });
            },
            () => {
                clearTimeout(timer);
                resolve(null);
            },
            { enableHighAccuracy: true, timeout, maximumAge: 60000 }
        );
    });
}

/**
 * FLD-2: "Arrived" on the job screen records the arrival time and, when the phone
 * allows it, where the technician was.
 */
export class ArriveButton extends Component {
    static template = "aftersales_service.ArriveButton";
    static props = { ...standardWidgetProps };

    setup() {
        this.orm = useService("orm");
    }

    async onClick() {
        const record = this.props.record;
        if (!(await record.save())) {
            return;
        }
        const position = await currentPosition(8000);
        await this.orm.call("aftersales.request", "action_arrive", [[record.resId]], position || {});
        await record.load();
    }
}

registry.category("view_widgets").add("aftersales_arrive_button", { component: ArriveButton });
