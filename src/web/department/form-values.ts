/**
 * The request form as data: what a browser posts, turned into the contract's request (for the pre-check) or a
 * workflow submission, with errors keyed by the form field they belong to. The client script builds the same
 * evaluate request from the same fields (assets/script.ts, request()).
 */
import type { z } from 'zod';
import { checkEvaluateRequest } from '../../api/validate.ts';
import type { EvaluateRequest } from '../../contract/evaluate-request.ts';
import { submissionSchema, type Submission } from '../../contract/submission.ts';
import type { CompiledRuleSet } from '../../engine/rule-set.ts';
import { WEB_TEXT } from '../../messages.ts';
import { field, fields, type FormBody } from '../env.ts';
import type { FieldErrors } from '../layout/parts.tsx';
import { chineseOnly } from '../page.tsx';

const E = WEB_TEXT.errors;

export interface RequestFormValues {
  title: string;
  description: string;
  communityRole: string;
  areas: string[];
  listItem: string;
  oneVoteVeto: boolean;
  fundingAmount: string;
  fundingConditions: string;
  legalBasis: string;
  deadline: string;
  targetCommunities: string[];
}

export const EMPTY_FORM: RequestFormValues = {
  title: '',
  description: '',
  communityRole: '',
  areas: [],
  listItem: '',
  oneVoteVeto: false,
  fundingAmount: '',
  fundingConditions: '',
  legalBasis: '',
  deadline: '',
  targetCommunities: [],
};

export function readRequestForm(body: FormBody): RequestFormValues {
  return {
    title: field(body, 'title'),
    description: field(body, 'description'),
    communityRole: field(body, 'communityRole'),
    areas: fields(body, 'areas').filter((a) => a !== ''),
    listItem: field(body, 'listItem'),
    oneVoteVeto: field(body, 'oneVoteVeto') === 'true',
    fundingAmount: field(body, 'fundingAmount'),
    fundingConditions: field(body, 'fundingConditions'),
    legalBasis: field(body, 'legalBasis'),
    deadline: field(body, 'deadline'),
    targetCommunities: fields(body, 'targetCommunities').filter((t) => t !== ''),
  };
}

/** A stored submission (a version's body) back into the form, for revising. */
export function valuesFromBody(body: Record<string, unknown>): RequestFormValues {
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const funding = (body.funding ?? {}) as { amountYuan?: unknown; conditions?: unknown };
  return {
    title: str(body.title),
    description: str(body.description),
    communityRole: str(body.communityRole),
    areas: Array.isArray(body.areas) ? body.areas.filter((a): a is string => typeof a === 'string') : [],
    listItem: str(body.listItem),
    oneVoteVeto: body.oneVoteVeto === true,
    fundingAmount: typeof funding.amountYuan === 'number' ? String(funding.amountYuan) : '',
    fundingConditions: str(funding.conditions),
    legalBasis: str(body.legalBasis),
    deadline: str(body.deadline),
    targetCommunities: Array.isArray(body.targetCommunities) ? body.targetCommunities.filter((t): t is string => typeof t === 'string') : [],
  };
}

/** The contract fields of the form (what the engine reads), without the workflow's own fields. */
function contractFields(v: RequestFormValues): { fields: Record<string, unknown>; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const out: Record<string, unknown> = {};
  if (v.title.trim() !== '') out.title = v.title;
  if (v.description.trim() !== '') out.description = v.description;
  if (v.communityRole !== '') out.communityRole = v.communityRole;
  if (v.areas.length > 0) out.areas = v.areas;
  if (v.listItem !== '') out.listItem = v.listItem;
  out.oneVoteVeto = v.oneVoteVeto;
  const funding: Record<string, unknown> = {};
  const amount = v.fundingAmount.trim();
  if (amount !== '') {
    const n = Number(amount);
    if (!Number.isFinite(n) || n < 0) errors.fundingAmount = E.amountInvalid;
    else funding.amountYuan = n;
  }
  if (v.fundingConditions.trim() !== '') funding.conditions = v.fundingConditions;
  if (Object.keys(funding).length > 0) out.funding = funding;
  return { fields: out, errors };
}

/** Where an API issue path belongs on the form. */
const FIELD_OF_PATH: Record<string, string> = {
  title: 'title',
  description: 'description',
  communityRole: 'communityRole',
  areas: 'areas',
  listItem: 'listItem',
  oneVoteVeto: 'oneVoteVeto',
  'funding.amountYuan': 'fundingAmount',
  'funding.conditions': 'fundingConditions',
  funding: 'fundingAmount',
  legalBasis: 'legalBasis',
  deadline: 'deadline',
  targetCommunities: 'targetCommunities',
  department: 'form',
};

export function fieldOfPath(path: string): string {
  const exact = FIELD_OF_PATH[path];
  if (exact) return exact;
  const trimmed = path.replace(/\.\d+$/, '');
  return FIELD_OF_PATH[trimmed] ?? FIELD_OF_PATH[trimmed.split('.')[0]!] ?? 'form';
}

type Issue = z.core.$ZodIssue;

/** A zod issue in words that fit next to a form field. */
function issueMessage(name: string, issue: Issue): string {
  if (issue.message === 'title-or-description-required') return E.textRequired;
  if (issue.message === 'date-format' || issue.message === 'date-invalid') return E.dateInvalid;
  if (name === 'targetCommunities' && issue.code === 'too_small') return E.targetsRequired;
  if (name === 'fundingAmount') return E.amountInvalid;
  if (issue.code === 'too_big' && typeof (issue as { maximum?: unknown }).maximum === 'number') return E.tooLong((issue as { maximum: number }).maximum);
  return chineseOnly(issue.message);
}

export function addIssues(errors: FieldErrors, issues: Array<{ path: string; message: string }>): FieldErrors {
  const out = { ...errors };
  for (const issue of issues) {
    const name = fieldOfPath(issue.path);
    out[name] ??= chineseOnly(issue.message);
  }
  return out;
}

/** The evaluate request the pre-check sends, or the errors that keep it from being sent. */
export function toEvaluateRequest(v: RequestFormValues, department: string | null, ruleSet: CompiledRuleSet):
  { ok: true; request: EvaluateRequest } | { ok: false; errors: FieldErrors; empty: boolean } {
  const { fields: contract, errors } = contractFields(v);
  if (Object.keys(errors).length > 0) return { ok: false, errors, empty: false };
  if (contract.title === undefined && contract.description === undefined) return { ok: false, errors: {}, empty: true };
  const checked = checkEvaluateRequest({ ...contract, ...(department ? { department } : {}) }, ruleSet);
  if (!checked.ok) return { ok: false, errors: addIssues({}, checked.issues), empty: false };
  return { ok: true, request: checked.request };
}

/** The workflow submission, or the errors to show next to the fields. */
export function toSubmission(v: RequestFormValues): { ok: true; submission: Submission } | { ok: false; errors: FieldErrors } {
  const { fields: contract, errors } = contractFields(v);
  const candidate: Record<string, unknown> = {
    ...contract,
    targetCommunities: v.targetCommunities,
    ...(v.deadline.trim() !== '' ? { deadline: v.deadline.trim() } : {}),
    ...(v.legalBasis.trim() !== '' ? { legalBasis: v.legalBasis } : {}),
  };
  const parsed = submissionSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = fieldOfPath(issue.path.map(String).join('.'));
      errors[name] ??= issueMessage(name, issue);
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, submission: parsed.data };
}
