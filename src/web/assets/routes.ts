/** Our own CSS and script, served by the Worker. The URLs carry a content hash, so they can be cached for good. */
import { Hono } from 'hono';
import { APP_SCRIPT } from './script.ts';
import { APP_CSS } from './styles.ts';

/** FNV-1a over the text: a short, stable version for cache busting (not a security hash). */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

const CSS_VERSION = fingerprint(APP_CSS);
const JS_VERSION = fingerprint(APP_SCRIPT);

export const ASSET_PATHS = {
  css: `/assets/app.css?v=${CSS_VERSION}`,
  js: `/assets/app.js?v=${JS_VERSION}`,
} as const;

export function assetRoutes() {
  const app = new Hono();
  const serve = (body: string, type: string, version: string) => (c: import('hono').Context) => {
    c.header('Content-Type', type);
    c.header('Cache-Control', c.req.query('v') === version ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
    c.header('ETag', `"${version}"`);
    if (c.req.header('if-none-match') === `"${version}"`) return c.body(null, 304);
    return c.body(body);
  };
  app.get('/app.css', serve(APP_CSS, 'text/css; charset=utf-8', CSS_VERSION));
  app.get('/app.js', serve(APP_SCRIPT, 'text/javascript; charset=utf-8', JS_VERSION));
  return app;
}
