// Show LAN URL as QR Code: the SVG is produced here from the URL and decodes back to it (jsQR reads
// the rasterised modules, as a phone camera would), and the webview page escapes a hostile URL and
// allows no script and no remote resource.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import jsQR from 'jsqr';
import { escapeHtml, isShareableUrl, lanQrHtml, lanQrSvg } from '../../../client/src/model/lanQr';

/** Rasterises the renderer's SVG (one `M x y` / `m dx dy` / `h n` stroke per run of dark modules). */
function decodeSvg(svg: string): string | undefined {
  const size = Number(/viewBox="0 0 (\d+) \d+"/.exec(svg)?.[1]);
  const path = /<path stroke="#000000" d="([^"]*)"/.exec(svg)?.[1] ?? '';
  const scale = 4;
  const side = size * scale;
  const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
  let x = 0;
  let y = 0;
  for (const [, cmd, a, b] of path.matchAll(/([MmHh])(-?[\d.]+)(?: (-?[\d.]+))?/g)) {
    if (cmd === 'M') [x, y] = [Number(a), Number(b)];
    else if (cmd === 'm') [x, y] = [x + Number(a), y + Number(b)];
    else {
      const row = Math.floor(y);
      for (let col = x; col < x + Number(a); col++)
        for (let dy = 0; dy < scale; dy++)
          for (let dx = 0; dx < scale; dx++) {
            const i = ((row * scale + dy) * side + col * scale + dx) * 4;
            pixels[i] = pixels[i + 1] = pixels[i + 2] = 0;
          }
      x += Number(a);
    }
  }
  return jsQR(pixels, side, side)?.data;
}

describe('LAN URL QR code', () => {
  it('encodes the URL itself: the SVG decodes back to it', () => {
    for (const url of [
      'http://192.168.1.23:8080',
      'http://10.0.0.5:2222/some/path?q=1',
      'https://192.168.178.20:8443/',
    ]) {
      const svg = lanQrSvg(url);
      assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" /);
      assert.equal(decodeSvg(svg), url);
    }
    assert.notEqual(lanQrSvg('http://192.168.1.23:8080'), lanQrSvg('http://192.168.1.23:8081'));
  });

  it('refuses what is not an http(s) URL', () => {
    for (const bad of [
      'javascript:alert(1)',
      'http://a b',
      'http://x/\nfoo',
      'file:///etc/passwd',
      `http://${'a'.repeat(2000)}`,
    ]) {
      assert.equal(isShareableUrl(bad), false, bad);
      assert.throws(() => lanQrSvg(bad));
    }
  });

  it('escapes a hostile URL and title, has a strict CSP and loads nothing remote', () => {
    const url = 'http://x/"><script>alert(1)</script><img/src=x/onerror=alert(2)>';
    assert.equal(isShareableUrl(url), true, 'the shape check alone lets this through: escaping must hold');
    const nonce = Buffer.alloc(16, 7).toString('base64');
    const html = lanQrHtml({ url, svg: lanQrSvg(url), nonce, title: `LAN URL ${url}`, hint: 'Scan <b>it</b>' });
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /<img\/src=x/i);
    assert.ok(html.includes(escapeHtml(url)));
    assert.ok(html.includes('Scan &lt;b&gt;it&lt;/b&gt;'));
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? '';
    assert.equal(csp, `default-src 'none'; img-src data:; style-src 'nonce-${nonce}'`);
    // Every src/href is a data: URI: nothing is fetched from the network.
    for (const [, ref] of html.matchAll(/(?:src|href)="([^"]*)"/g))
      assert.match(ref ?? '', /^data:image\/svg\+xml;base64,/);
    assert.equal([...html.matchAll(/<style nonce="([^"]*)">/g)].map((m) => m[1]).join(), nonce);
    assert.throws(() => lanQrHtml({ url, svg: '', nonce: "x' 'unsafe-inline", title: '', hint: '' }));
  });
});
