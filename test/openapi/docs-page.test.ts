/** GET /api/v1/docs: the documentation page the Worker renders itself, with nothing loaded from elsewhere. */
import { beforeAll, describe, expect, it } from 'vitest';
import { call } from '../support/worker.ts';
import { documentedOperations, servedDocument, type OpenApi } from './support.ts';

let html: string;
let response: Response;
let doc: OpenApi;

beforeAll(async () => {
  response = await call('/api/v1/docs');
  html = await response.text();
  doc = await servedDocument();
});

describe('GET /api/v1/docs', () => {
  it('is an HTML page in Chinese', () => {
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('接口文档');
  });

  it('loads nothing from anywhere: no script, no external stylesheet, font, image or frame', () => {
    expect(html).not.toMatch(/<script|<link|<img|<iframe|<object|<embed|@import|url\(/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/(src|href)\s*=\s*"(https?:)?\/\//i);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/]+=*'/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|script-src/);
  });

  it("allows its own style by hash, and that hash is the style's", async () => {
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(style)));
    const hash = btoa(String.fromCharCode(...digest));
    expect(response.headers.get('content-security-policy')).toContain(`'sha256-${hash}'`);
    expect(html.match(/<style>/g)).toHaveLength(1);
  });

  it('lists every endpoint of the document, grouped by tag, with its summary', () => {
    for (const tag of doc.tags ?? []) expect(html).toContain(`<h2>${tag.name}</h2>`);
    for (const { method, path, op } of documentedOperations(doc)) {
      expect(html, `${method} ${path}`).toContain(`<code>${method.toUpperCase()} ${path.replace(/&/g, '&amp;')}</code>`);
      expect(html, `${method} ${path}`).toContain(`id="op-${encodeURIComponent(String(op.operationId)).replace(/%/g, '')}"`);
      expect(html).toContain(String(op.summary));
    }
  });

  it('shows parameters, Chinese request and response examples, and the data structures', () => {
    expect(html).toContain('<h4>参数</h4>');
    expect(html).toContain('Idempotency-Key');
    expect(html).toContain('示例：部门通知：拆违宣传动员');
    expect(html).toContain('XX片区违法建设拆除由区城管局负责');
    expect(html).toContain('&quot;decision&quot;: &quot;needs-review&quot;');
    expect(html).toContain('id="schema-Decision"');
    expect(html).toContain('<a href="#schema-Reason">Reason</a>');
    expect(html).toContain('<a href="/api/v1/openapi.json">');
  });

  it('escapes what it shows', () => {
    expect(html).not.toContain('<dg>');
    // The CSV example's quotes and the JSON examples' quotes are text, not markup.
    expect(html).toContain('&quot;rulesVersion&quot;');
  });

  it('answers 405 to other methods', async () => {
    const post = await call('/api/v1/docs', { method: 'POST' });
    expect(post.status).toBe(405);
  });
});
