/**
 * GET /api/v1/docs: the API document as one self-contained HTML page, rendered by the Worker from the OpenAPI
 * document itself. No script, no external stylesheet, font or image: it works offline and under a CSP that
 * allows nothing but its own inline style (by hash). Sections use <details> to fold examples without script.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import type { OpenApiDocument } from './document.ts';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

const STYLE = `
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa; --accent: #0b5cad; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.65 system-ui, -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; color: var(--ink); }
header, main, nav { max-width: 1080px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 28px; padding-bottom: 8px; border-bottom: 1px solid var(--line); }
h1 { font-size: 26px; margin: 0 0 6px; }
h2 { font-size: 21px; margin: 40px 0 6px; padding-bottom: 4px; border-bottom: 2px solid var(--ink); }
h3 { font-size: 17px; margin: 0; }
h4 { font-size: 14px; margin: 18px 0 6px; color: var(--muted); }
a { color: var(--accent); }
code, pre { font: 13px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
code { background: var(--soft); padding: 1px 4px; border-radius: 4px; }
pre { background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; overflow: auto; max-height: 480px; white-space: pre-wrap; word-break: break-all; }
.muted { color: var(--muted); }
nav { padding-top: 12px; }
nav ul { list-style: none; padding: 0; margin: 0; columns: 2 320px; }
nav li { break-inside: avoid; margin: 0 0 10px; }
nav li li { margin: 0; }
nav ul ul { columns: 1; padding-left: 12px; }
article { border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; margin: 16px 0; }
.op { display: flex; flex-wrap: wrap; gap: 8px; align-items: baseline; }
.method { display: inline-block; min-width: 58px; text-align: center; font: 700 12px/22px ui-monospace, monospace; color: #fff; border-radius: 4px; padding: 0 6px; }
.get { background: #1a7f37; } .post { background: #0b5cad; } .put { background: #9a6700; } .patch { background: #8250df; } .delete { background: #cf222e; }
.auth { font-size: 13px; color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: 4px 0 8px; font-size: 14px; }
th, td { border: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: var(--soft); font-weight: 600; }
td code { white-space: nowrap; }
.nowrap { white-space: nowrap; }
details { margin: 6px 0; }
summary { cursor: pointer; }
.status { font: 700 13px ui-monospace, monospace; }
`;

/** The value for a style-src directive allowing exactly this page's stylesheet. */
export const STYLE_HASH = `'sha256-${btoa(String.fromCharCode(...sha256(utf8ToBytes(STYLE))))}'`;

/** Headers for the page: nothing may load, nothing may run, only the page's own style applies. */
export const DOCS_PAGE_CSP = `default-src 'none'; style-src ${STYLE_HASH}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

const escapeHtml = (text: unknown) =>
  String(text).replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

const slug = (text: string) => encodeURIComponent(text).replace(/%/g, '');

/** The little markdown the descriptions use: `code`, lines starting with "- " as a list, blank lines between paragraphs. */
function prose(text: unknown): string {
  if (typeof text !== 'string' || text === '') return '';
  const blocks: string[] = [];
  let paragraph: string[] = [];
  let list: string[] = [];
  const flush = () => {
    if (paragraph.length) blocks.push(`<p>${inline(paragraph.join(''))}</p>`);
    if (list.length) blocks.push(`<ul>${list.map((item) => `<li>${inline(item)}</li>`).join('')}</ul>`);
    paragraph = [];
    list = [];
  };
  for (const line of text.split('\n')) {
    if (line.startsWith('- ')) {
      if (paragraph.length) flush();
      list.push(line.slice(2));
    } else if (line.trim() === '') flush();
    else {
      if (list.length) flush();
      paragraph.push(line);
    }
  }
  flush();
  return blocks.join('');
}

/** Text with `code` spans, no block. */
const inline = (text: unknown) => escapeHtml(text ?? '').replace(/`([^`]+)`/g, '<code>$1</code>');

const refName = (ref: string) => ref.replace('#/components/schemas/', '');

/** A short type for a schema: string, integer[], "a" | "b", Decision (a link), … */
function typeOf(schema: unknown): string {
  if (!isObject(schema)) return '任意';
  if (typeof schema.$ref === 'string') return `<a href="#schema-${slug(refName(schema.$ref))}">${escapeHtml(refName(schema.$ref))}</a>`;
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => `<code>${escapeHtml(JSON.stringify(v))}</code>`).join(' | ');
  if ('const' in schema) return `<code>${escapeHtml(JSON.stringify(schema.const))}</code>`;
  for (const key of ['anyOf', 'oneOf'] as const) {
    if (Array.isArray(schema[key])) return (schema[key] as unknown[]).map(typeOf).join(' 或 ');
  }
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : schema.type ? [String(schema.type)] : [];
  const named = types.map((type) => (type === 'array' ? `${typeOf(schema.items)}[]` : escapeHtml(type)));
  return named.length ? named.join(' 或 ') : '任意';
}

/** Limits written out: 长度 ≤ 200, 1–100, 格式 ^…$ */
function constraints(schema: Json): string {
  const parts: string[] = [];
  const range = (min: unknown, max: unknown, label: string) => {
    if (min !== undefined && max !== undefined) parts.push(`${label} ${min}–${max}`);
    else if (min !== undefined) parts.push(`${label} ≥ ${min}`);
    else if (max !== undefined) parts.push(`${label} ≤ ${max}`);
  };
  range(schema.minLength, schema.maxLength, '长度');
  range(schema.minimum, schema.maximum, '取值');
  range(schema.minItems, schema.maxItems, '项数');
  if (typeof schema.pattern === 'string') parts.push(`格式 <code>${escapeHtml(schema.pattern)}</code>`);
  if (schema.additionalProperties === false) parts.push('不接受其他字段');
  return parts.join('；');
}

/** Rows for an object's fields; inline objects (not $ref) are flattened as parent.child. */
function fieldRows(schema: unknown, prefix = '', depth = 0): string[] {
  if (!isObject(schema)) return [];
  const variants = (['allOf', 'anyOf', 'oneOf'] as const).flatMap((key) => (Array.isArray(schema[key]) ? (schema[key] as unknown[]) : []));
  if (!isObject(schema.properties)) return depth > 0 ? [] : variants.flatMap((variant) => fieldRows(variant, prefix, depth));
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const rows: string[] = [];
  for (const [name, property] of Object.entries(schema.properties)) {
    if (!isObject(property)) continue;
    const path = `${prefix}${name}`;
    rows.push(
      `<tr><td><code>${escapeHtml(path)}</code></td><td>${typeOf(property)}</td><td class="nowrap">${required.has(name) ? '必填' : ''}</td>` +
        `<td>${escapeHtml(property.description ?? '')}${constraints(property) ? `<div class="muted">${constraints(property)}</div>` : ''}</td></tr>`,
    );
    if (depth < 2 && property.$ref === undefined) {
      const inner = property.type === 'array' && isObject(property.items) && property.items.$ref === undefined ? property.items : property;
      rows.push(...fieldRows(inner, `${path}${inner === property ? '' : '[]'}.`, depth + 1));
    }
  }
  return rows;
}

function fieldsTable(schema: unknown): string {
  const rows = fieldRows(schema);
  if (!rows.length) return `<p>类型：${typeOf(schema)}</p>`;
  return `<table><thead><tr><th>字段</th><th>类型</th><th class="nowrap">必填</th><th>说明</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function examplesOf(media: Json): string {
  const examples = isObject(media.examples) ? Object.entries(media.examples) : [];
  if ('example' in media) examples.push(['example', { summary: '示例', value: media.example }]);
  return examples
    .map(([name, example]) => {
      const { summary, value } = isObject(example) ? example : { summary: name, value: example };
      const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
      return `<details><summary>示例：${escapeHtml(summary ?? name)}</summary><pre>${escapeHtml(text)}</pre></details>`;
    })
    .join('');
}

/** A body's media types: the schema (a link, or for a request its fields written out) and the examples. */
function content(body: unknown, schemas: Record<string, unknown>, expand = false): string {
  if (!isObject(body) || !isObject(body.content)) return '';
  return Object.entries(body.content)
    .map(([type, media]) => {
      if (!isObject(media)) return '';
      const schema = media.schema;
      const ref = isObject(schema) && typeof schema.$ref === 'string' ? schema.$ref : null;
      const shape = ref && !expand
        ? `<p><code>${escapeHtml(type)}</code>：${typeOf(schema)}</p>`
        : `<p><code>${escapeHtml(type)}</code>${ref ? `：${typeOf(schema)}` : ''}</p>${fieldsTable(ref ? schemas[refName(ref)] : schema)}`;
      return shape + examplesOf(media);
    })
    .join('');
}

function parametersTable(parameters: unknown): string {
  if (!Array.isArray(parameters) || parameters.length === 0) return '';
  const where: Record<string, string> = { path: '路径', query: '查询', header: '请求头', cookie: 'Cookie' };
  const rows = parameters
    .filter(isObject)
    .map((p) => {
      const schema = isObject(p.schema) ? p.schema : {};
      const limits = constraints(schema);
      const example = p.example !== undefined ? `<div class="muted">例：<code>${escapeHtml(p.example)}</code></div>` : '';
      return `<tr><td><code>${escapeHtml(p.name)}</code></td><td class="nowrap">${escapeHtml(where[String(p.in)] ?? p.in)}</td><td>${typeOf(schema)}</td><td class="nowrap">${p.required ? '必填' : ''}</td>` +
        `<td>${escapeHtml(p.description ?? '')}${limits ? `<div class="muted">${limits}</div>` : ''}${example}</td></tr>`;
    });
  return `<h4>参数</h4><table><thead><tr><th>名称</th><th class="nowrap">位置</th><th>类型</th><th class="nowrap">必填</th><th>说明</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function responses(list: unknown, schemas: Record<string, unknown>): string {
  if (!isObject(list)) return '';
  return Object.entries(list)
    .map(([status, response]) => {
      if (!isObject(response)) return '';
      const headers = isObject(response.headers)
        ? Object.entries(response.headers).map(([name, h]) => `<div class="muted">响应头 <code>${escapeHtml(name)}</code>：${escapeHtml(isObject(h) ? (h.description ?? '') : '')}</div>`).join('')
        : '';
      return `<div><span class="status">${escapeHtml(status)}</span> ${escapeHtml(response.description ?? '')}${headers}${content(response, schemas)}</div>`;
    })
    .join('');
}

interface Operation {
  method: (typeof METHODS)[number];
  path: string;
  op: Json;
}

function operations(document: OpenApiDocument): Operation[] {
  const list: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const op = (item as Json)[method];
      if (isObject(op)) list.push({ method, path, op });
    }
  }
  return list;
}

const anchor = ({ method, path, op }: Operation) => `op-${slug(String(op.operationId ?? `${method}-${path}`))}`;

function operationHtml(operation: Operation, schemas: Record<string, unknown>): string {
  const { method, path, op } = operation;
  const security = Array.isArray(op.security) ? op.security : [];
  const auth = security.length === 0 ? '无需登录' : '需要登录：<code>Authorization: Bearer &lt;令牌&gt;</code> 或网页会话 Cookie';
  const body = isObject(op.requestBody) ? `<h4>请求体${op.requestBody.required ? '（必填）' : ''}</h4>${prose(op.requestBody.description)}${content(op.requestBody, schemas, true)}` : '';
  return (
    `<article id="${anchor(operation)}"><div class="op"><span class="method ${method}">${method.toUpperCase()}</span>` +
    `<h3><code>${escapeHtml(path)}</code> ${escapeHtml(op.summary ?? '')}</h3></div>` +
    `<div class="auth">${auth}</div>${prose(op.description)}${parametersTable(op.parameters)}${body}<h4>响应</h4>${responses(op.responses, schemas)}</article>`
  );
}

/** The page, rendered from the document (so it lists exactly what the document lists). */
export function renderDocsPage(document: OpenApiDocument): string {
  const ops = operations(document);
  const componentSchemas = (document.components?.schemas ?? {}) as Record<string, unknown>;
  const tags = (document.tags ?? []).map((tag) => ({ name: tag.name, description: tag.description ?? '' }));
  const untagged = ops.filter(({ op }) => !Array.isArray(op.tags) || !op.tags.some((t) => tags.some((tag) => tag.name === t)));
  if (untagged.length) tags.push({ name: '其他', description: '' });
  const inTag = (name: string) => ops.filter(({ op }) => (Array.isArray(op.tags) && op.tags.includes(name)) || (name === '其他' && untagged.some((u) => u.op === op)));

  const nav = tags
    .map((tag) => {
      const links = inTag(tag.name).map((o) => `<li><a href="#${anchor(o)}"><code>${o.method.toUpperCase()} ${escapeHtml(o.path)}</code></a> ${escapeHtml(o.op.summary ?? '')}</li>`);
      return `<li><a href="#tag-${slug(tag.name)}"><strong>${escapeHtml(tag.name)}</strong></a><ul>${links.join('')}</ul></li>`;
    })
    .join('');
  const sections = tags
    .map((tag) => `<section id="tag-${slug(tag.name)}"><h2>${escapeHtml(tag.name)}</h2>${prose(tag.description)}${inTag(tag.name).map((o) => operationHtml(o, componentSchemas)).join('')}</section>`)
    .join('');
  const schemas = Object.entries(document.components?.schemas ?? {})
    .map(([name, schema]) => `<article id="schema-${slug(name)}"><h3>${escapeHtml(name)}</h3>${prose((schema as Json).description)}${fieldsTable(schema)}</article>`)
    .join('');
  const schemes = Object.entries(document.components?.securitySchemes ?? {})
    .map(([name, scheme]) => `<li><code>${escapeHtml(name)}</code>：${inline((scheme as unknown as Json).description)}</li>`)
    .join('');

  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(document.info.title)} · 接口文档</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(document.info.title)}</h1>
<p class="muted">OpenAPI ${escapeHtml(document.openapi)} · 规则集版本 <code>${escapeHtml(document.info.version)}</code> · 机器可读文档：<a href="/api/v1/openapi.json">/api/v1/openapi.json</a></p>
${prose(document.info.description)}
<h4>身份验证</h4><ul>${schemes}</ul>
</header>
<nav aria-label="接口目录"><h2>目录</h2><ul>${nav}<li><a href="#schemas"><strong>数据结构</strong></a></li></ul></nav>
<main>
${sections}
<section id="schemas"><h2>数据结构</h2>${schemas}</section>
</main>
</body>
</html>
`;
}
