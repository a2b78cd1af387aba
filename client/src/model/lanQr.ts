/**
 * The LAN URL as a QR code, for a phone on the same network. The code is generated here, by the
 * `qrcode` library bundled into the extension: the URL never leaves the machine. The page shows it
 * as an <img> of the SVG (an image cannot run script) with the URL beside it as text; its Content
 * Security Policy allows nothing but that data: image and one nonce'd style block.
 */
import { create as encodeQr } from 'qrcode/lib/core/qrcode';
import { render as renderSvg } from 'qrcode/lib/renderer/svg-tag';

/** An http(s) URL without spaces or control characters, at most 2000 characters. */
export function isShareableUrl(url: string): boolean {
  return url.length <= 2000 && /^https?:\/\/[^\s\u0000-\u001f\u007f]+$/i.test(url);
}

/** The QR code of `url` as SVG text (error correction M: still readable from a slightly blurry screen). */
export function lanQrSvg(url: string): string {
  if (!isShareableUrl(url)) throw new Error(`Not a URL to share: ${JSON.stringify(url.slice(0, 80))}`);
  return renderSvg(encodeQr(url, { errorCorrectionLevel: 'M' }), { margin: 4 });
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch,
  );
}

export interface LanQrPage {
  readonly url: string;
  readonly svg: string;
  /** A fresh random value per page: the only style block allowed to apply. */
  readonly nonce: string;
  readonly title: string;
  readonly hint: string;
}

export function lanQrHtml(page: LanQrPage): string {
  if (!/^[A-Za-z0-9+/=]{16,}$/.test(page.nonce))
    throw new Error('The nonce must be base64 of at least 12 random bytes.');
  const image = `data:image/svg+xml;base64,${Buffer.from(page.svg, 'utf8').toString('base64')}`;
  const csp = `default-src 'none'; img-src data:; style-src 'nonce-${page.nonce}'`;
  return [
    '<!DOCTYPE html>',
    '<html><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(page.title)}</title>`,
    `<style nonce="${page.nonce}">`,
    'body { display: flex; flex-wrap: wrap; align-items: center; gap: 24px; padding: 16px; }',
    'img { width: 256px; height: 256px; background: #fff; image-rendering: pixelated; }',
    '.url { font-family: var(--vscode-editor-font-family, monospace); font-size: 1.3em; user-select: all; word-break: break-all; }',
    '</style></head><body>',
    `<img src="${image}" alt="${escapeHtml(page.title)}">`,
    `<div><p class="url">${escapeHtml(page.url)}</p><p>${escapeHtml(page.hint)}</p></div>`,
    '</body></html>',
  ].join('\n');
}
