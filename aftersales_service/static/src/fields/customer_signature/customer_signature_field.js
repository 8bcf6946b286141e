import { registry } from "@web/core/registry";
import { NameAndSignature } from "@web/core/signature/name_and_signature";
import { SignatureDialog } from "@web/core/signature/signature_dialog";
import { SignatureField, signatureField } from "@web/views/fields/signature/signature_field";

/**
 * A customer's signature on a voucher, a pickup receipt or a return (SVC-6, RPR-1,
 * RPR-5) is drawn by the customer on the device. Odoo's pad would open on "Auto",
 * which writes the typed name as a signature in one tap, and offers "Load" (any
 * image): this pad offers drawing only. Customers who sign in the portal use the
 * portal's own form.
 */
export class HandDrawnSignature extends NameAndSignature {
    static template = "aftersales_service.HandDrawnSignature";
}

export class HandDrawnSignatureDialog extends SignatureDialog {
    static components = { ...SignatureDialog.components, NameAndSignature: HandDrawnSignature };
}

export class CustomerSignatureField extends SignatureField {
    onClickSignature() {
        if (this.props.readonly) {
            return;
        }
        this.dialogService.add(HandDrawnSignatureDialog, {
            // no name: nothing to write for the customer
            defaultName: "",
            nameAndSignatureProps: {
                displaySignatureRatio: 3,
                signatureType: this.props.type,
                noInputName: true,
                mode: "draw",
                defaultFont: this.props.defaultFont,
            },
            uploadSignature: (signature) => this.uploadSignature(signature),
        });
    }
}

export const customerSignatureField = {
    ...signatureField,
    component: CustomerSignatureField,
};

registry.category("fields").add("aftersales_customer_signature", customerSignatureField);
