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
