/**
 * Builds the OpenAPI 3.1 document from the route table with @hono/zod-openapi's generator
 * (@asteasolutions/zod-to-openapi). Only the generator is used: the routes keep their own Hono handlers, so
 * nothing about how requests are answered changes. Built once per rule set, on first use, not at start-up.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { ruleSetViewSchema } from '../../contract/responses.ts';
import type { CompiledRuleSet } from '../../engine/rule-set.ts';
import { conditionSchema } from '../../ruleset/schema.ts';
import { apiRoutes, FIELD_TEXT, QUERY_TEXT, REQUEST_SCHEMAS, SECURITY_SCHEMES, TAGS } from './routes.ts';

export type OpenApiDocument = ReturnType<OpenAPIHono['getOpenAPI31Document']>;
type SchemaObject = NonNullable<NonNullable<OpenApiDocument['components']>['schemas']>[string];

const INFO_DESCRIPTION = [
  'duty-gate 把区《社区治理任务清单》第 9 条（取消"一票否决"；不得将社区作为行政执法、拆迁拆违、环境整治、城市管理、招商引资等事项的责任主体；',
  '确需社区协助的须经镇街审核把关并提供工作经费和条件）以及依法履职、依法协助、负面清单、出具证明四个清单变成规则。',
  '',
  '每一项派给社区的工作都会得到 allow（允许）/ reject（不予准入）/ needs-review（需审核），并附条款原文、证据位置和修改办法。',
  '',
  '- 错误一律为 `{"error":{"code","message","issues?"}}`，说明中文在前、英文在后；已知地址用了不支持的方法返回 405（带 Allow 头）。',
  '- 需要登录的接口接受 `Authorization: Bearer <令牌>` 或网页会话 Cookie；看不到的申请一律 404。',
  '- 决定中的 rulesVersion 是规则集内容的 SHA-256；理由代码和领域代码只增不改。',
].join('\n');

const cache = new WeakMap<CompiledRuleSet, OpenApiDocument>();

export function openApiDocument(ruleSet: CompiledRuleSet): OpenApiDocument {
  let document = cache.get(ruleSet);
  if (!document) {
    document = buildOpenApiDocument(ruleSet);
    cache.set(ruleSet, document);
  }
  return document;
}

export function buildOpenApiDocument(ruleSet: CompiledRuleSet): OpenApiDocument {
  const generator = new OpenAPIHono();
  const registry = generator.openAPIRegistry;
  for (const [name, scheme] of Object.entries(SECURITY_SCHEMES)) registry.registerComponent('securitySchemes', name, scheme);
  for (const [name, schema] of Object.entries(ruleSetComponents())) registry.registerComponent('schemas', name, schema);
  for (const route of apiRoutes(ruleSet)) registry.registerPath(route);
  const document = generator.getOpenAPI31Document({
    openapi: '3.1.0',
    info: { title: 'duty-gate 社区工作准入规则引擎 API', version: ruleSet.version, description: INFO_DESCRIPTION },
    // No servers: OpenAPI's default is "/", this Worker itself.
    tags: TAGS.map((tag) => ({ ...tag })),
  });
  describeRequestFields(document);
  return document;
}

/**
 * The rule set's schemas, written by zod's own JSON Schema generator (draft 2020-12, which OpenAPI 3.1 uses):
 * a rule's condition nests (all / any / not), and zod-to-openapi cannot name a recursive schema it did not
 * create. Same schemas (src/ruleset/schema.ts), same output, named in components.schemas.
 */
function ruleSetComponents(): Record<string, SchemaObject> {
  const named = z.registry<{ id: string; description: string }>();
  named.add(conditionSchema, { id: 'Condition', description: '决定规则的条件（json-rules-engine 格式）：all / any / not 嵌套，或 fact + operator + value' });
  named.add(ruleSetViewSchema, { id: 'RuleSet', description: '规则集：规则、条款原文、四个清单、词库和版本哈希' });
  const { schemas } = z.toJSONSchema(named, { target: 'draft-2020-12', io: 'output', uri: (id) => `#/components/schemas/${id}` });
  return Object.fromEntries(Object.entries(schemas).map(([name, { $schema: _dialect, $id: _id, ...schema }]) => [name, schema as SchemaObject]));
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Adds the Chinese field descriptions to the request schemas and query parameters that have none. */
function describeRequestFields(document: OpenApiDocument): void {
  const schemas = (document.components?.schemas ?? {}) as Record<string, unknown>;
  for (const name of Object.keys(REQUEST_SCHEMAS)) describeProperties(schemas[name]);
  for (const item of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(item as Json)) {
      if (!isObject(operation) || !Array.isArray(operation.parameters)) continue;
      for (const parameter of operation.parameters as Json[]) {
        const text = QUERY_TEXT[String(parameter.name)] ?? FIELD_TEXT[String(parameter.name)];
        if (parameter.in === 'query' && parameter.description === undefined && text) parameter.description = text;
      }
    }
  }
}

function describeProperties(schema: unknown): void {
  if (!isObject(schema)) return;
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    if (Array.isArray(schema[key])) for (const part of schema[key] as unknown[]) describeProperties(part);
  }
  if (isObject(schema.items)) describeProperties(schema.items);
  if (!isObject(schema.properties)) return;
  for (const [name, property] of Object.entries(schema.properties)) {
    if (!isObject(property)) continue;
    const text = FIELD_TEXT[name];
    if (text && property.description === undefined && property.$ref === undefined) property.description = text;
    describeProperties(property);
  }
}
