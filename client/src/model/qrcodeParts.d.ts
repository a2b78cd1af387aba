// The two parts of the `qrcode` package the extension bundles: the encoder and the SVG renderer.
// Importing them instead of the package's main module keeps its PNG and terminal renderers (and
// pngjs) out of dist/extension.js. The types are those of @types/qrcode.
declare module 'qrcode/lib/core/qrcode' {
  import type { QRCode, QRCodeOptions } from 'qrcode';
  export function create(text: string, options?: QRCodeOptions): QRCode;
}

declare module 'qrcode/lib/renderer/svg-tag' {
  import type { QRCode, QRCodeRenderersOptions } from 'qrcode';
  export function render(qrData: QRCode, options?: QRCodeRenderersOptions): string;
}
