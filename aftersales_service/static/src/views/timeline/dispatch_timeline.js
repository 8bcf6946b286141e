import { _t } from "@web/core/l10n/translation";
import { user } from "@web/core/user";
import { patch } from "@web/core/utils/patch";
import { TimelineController } from "@web_timeline/views/timeline/timeline_controller.esm";
import { TimelineModel } from "@web_timeline/views/timeline/timeline_model.esm";
import { TimelineRenderer } from "@web_timeline/views/timeline/timeline_renderer.esm";
import { UnassignedQueue } from "./unassigned_queue";

const { DateTime } = luxon;

/**
 * DSP-1: on the dispatcher's timeline a service request dragged to another time or
 * technician is not written as is: the reschedule dialog opens with the new time and
 * technician, and records the reason, refuses a technician who does not work then
 * and asks before an overlap (SVC-4). Other models keep OCA's behaviour.
 */
TimelineController.components = { ...TimelineController.components, UnassignedQueue };

patch(TimelineController.prototype, {
    async reloadTimeline() {
        await this.model.load(this.getSearchProps());
        this.render();
    },

    _onMove(item, callback) {
        if (this.model.model_name !== "aftersales.request") {
            return super._onMove(item, callback);
        }
        const context = {
            default_request_id: Number(item.id),
            default_new_start: this.model.serializeDate(this.date_start, DateTime.fromJSDate(item.start)),
        };
        if (item.group && item.group !== -1) {
            context.default_technician_id = item.group;
        }
        callback(null); // the bar goes back; the reload after the dialog shows the truth
        this.actionService.doAction(
            {
                type: "ir.actions.act_window",
                name: _t("Reschedule"),
                res_model: "aftersales.reschedule.wizard",
                views: [[false, "form"]],
                target: "new",
                context,
            },
            {
                onClose: async () => {
                    await this.model.load(this.getSearchProps());
                    this.render();
                },
            }
        );
    },
});

/**
 * DSP-1: the requests' bars are read without their technicians' names (OCA's
 * search_read would read every technician and their partner once more): the rows
 * bring the names. Many-to-one values keep OCA's [id, name] shape.
 */
patch(TimelineModel.prototype, {
    async load(searchParams) {
        if (this.model_name !== "aftersales.request") {
            return super.load(searchParams);
        }
        this.last_group_bys = searchParams.groupBy?.length
            ? searchParams.groupBy
            : this.params.default_group_by.split(",");
        const rowField = this.last_group_bys[0];
        const specification = {};
        for (const name of new Set([...this.params.fieldNames, ...this.last_group_bys])) {
            const many2one = this.fields[name].type === "many2one";
            specification[name] = many2one && name !== rowField ? { fields: { display_name: {} } } : {};
        }
        const { records } = await this.keepLast.add(
            this.orm.webSearchRead(this.model_name, searchParams.domain, {
                specification,
                order: rowField,
                context: searchParams.context,
            })
        );
        this.data = records.map((record) => {
            const bar = { ...record };
            for (const name in specification) {
                if (this.fields[name].type === "many2one") {
                    const value = record[name];
                    bar[name] = value && (typeof value === "object" ? [value.id, value.display_name] : [value, ""]);
                }
            }
            return bar;
        });
        this.notify();
    },
});

// the languages the bundled moment.js knows; it would otherwise take the last one it
// defined (Ukrainian) for everyone else
const BUNDLED_LOCALES = ["de", "es", "fr", "it", "ja", "nl", "pl", "ru", "uk"];
// Chinese axis labels, written with numbers only (moment has no Chinese here)
const CHINESE_LABELS = {
    minorLabels: { minute: "HH:mm", hour: "HH:mm", weekday: "D日", day: "D日", week: "w周", month: "M月", year: "YYYY年" },
    majorLabels: {
        minute: "YYYY年M月D日",
        hour: "YYYY年M月D日",
        weekday: "YYYY年M月",
        day: "YYYY年M月",
        week: "YYYY年M月",
        month: "YYYY年",
        year: "",
    },
};

// the rows' working hours and leaves are read for this many days around today
const ROWS_SPAN_DAYS = 21;

patch(TimelineRenderer.prototype, {
    setup() {
        super.setup(...arguments);
        const language = (user.lang || "en_US").split(/[-_]/)[0];
        this.options.locale = BUNDLED_LOCALES.includes(language) ? language : "en";
        if (language === "zh") {
            this.options.format = CHINESE_LABELS;
        }
    },

    /**
     * DSP-1: on the service requests' timeline every technician has a row, busy or
     * idle, with their working hours shaded and their leaves marked.
     */
    async on_data_loaded(records, adjust_window) {
        if (this.model.model_name !== "aftersales.request" || this.model.last_group_bys[0] !== "technician_id") {
            return super.on_data_loaded(records, adjust_window);
        }
        // the same as OCA's, with the technicians' rows and their hours added, set once
        const now = DateTime.utc();
        const format = (moment) => moment.toFormat("yyyy-MM-dd HH:mm:ss");
        const barsTechnicians = [...new Set(records.map((record) => record.technician_id?.[0]).filter(Boolean))];
        const rows = await this.orm.call("aftersales.request", "get_timeline_rows", [
            format(now.minus({ days: ROWS_SPAN_DAYS })),
            format(now.plus({ days: ROWS_SPAN_DAYS })),
            barsTechnicians,
        ]);
        const groups = [
            { id: -1, content: _t("Unassigned"), order: -1 },
            ...rows.technicians.map((technician, index) => ({
                id: technician.id,
                content: technician.name,
                order: index,
            })),
        ];
        const shade = (className) => (interval, index) => ({
            id: `${className}_${index}`,
            group: interval.group,
            start: DateTime.fromSQL(interval.start, { zone: "utc" }).toJSDate(),
            end: DateTime.fromSQL(interval.end, { zone: "utc" }).toJSDate(),
            type: "background",
            className,
            content: interval.name || "",
        });
        const bars = records
            .filter((record) => record[this.date_start])
            .map((record) => this.model._event_data_transform(record));
        this.timeline.setGroups(groups);
        this.timeline.setItems([
            ...bars,
            ...rows.work.map(shade("o_aftersales_working")),
            ...rows.leaves.map(shade("o_aftersales_leave")),
        ]);
        if ((!this.mode.data || this.mode.data === "fit") && adjust_window !== false) {
            this.timeline.fit();
        }
    },
});
