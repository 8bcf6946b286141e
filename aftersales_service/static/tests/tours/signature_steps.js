/**
 * Tour step shared by the back-office and portal tours: wait until the signature pad
 * shows the signer's name drawn as a signature.
 *
 * Odoo's "canvasNotEmpty" gives up after 200 ms, but the pad draws the name only once
 * its font has loaded, which can take longer under CI load. (It draws nothing when the
 * name is empty: the tours check the name first.) The dialog buttons can't be
 * used as the signal either: the portal's is enabled before anything is drawn.
 */
export function signatureDrawnStep(content) {
    return {
        content,
        trigger: ".modal canvas.o_web_sign_signature",
        async run({ anchor, waitUntil }) {
            await waitUntil(
                () => {
                    const context = anchor.getContext("2d");
                    const { data } = context.getImageData(0, 0, anchor.width, anchor.height);
                    return new Uint32Array(data.buffer).some((pixel) => pixel !== 0);
                },
                { timeout: 10000 }
            );
        },
    };
}

/**
 * Tour step: the customer draws a stroke on the signature pad, with the pointer
 * events a finger or a mouse sends (the pad listens to them on the canvas, then on
 * the window).
 */
export function drawSignatureStep(content) {
    return {
        content,
        trigger: ".modal canvas.o_web_sign_signature",
        async run({ anchor }) {
            const box = anchor.getBoundingClientRect();
            const point = (index) => ({
                clientX: box.left + box.width * (0.2 + 0.1 * index),
                clientY: box.top + box.height * (index % 2 ? 0.3 : 0.7),
                isPrimary: true,
                pointerId: 1,
                pointerType: "mouse",
                bubbles: true,
            });
            const pause = () => new Promise((resolve) => setTimeout(resolve, 30));
            anchor.dispatchEvent(new PointerEvent("pointerdown", { ...point(0), buttons: 1 }));
            for (let index = 1; index < 7; index++) {
                await pause();
                window.dispatchEvent(new PointerEvent("pointermove", { ...point(index), buttons: 1 }));
            }
            await pause();
            window.dispatchEvent(new PointerEvent("pointerup", { ...point(6), buttons: 0 }));
        },
    };
}

/**
 * Tour steps: the customer draws on the open pad, adopts the signature, and it shows
 * on the form's signature field.
 */
export function signByHandSteps() {
    return [
        drawSignatureStep("The customer signs by hand"),
        signatureDrawnStep("The signature is on the pad"),
        {
            content: "Adopt and sign",
            trigger: ".modal .modal-footer .btn-primary:enabled",
            run: "click",
        },
        {
            content: "The signature is on the voucher",
            trigger: ".o_field_widget[name=signature] img.o_signature",
        },
    ];
}
