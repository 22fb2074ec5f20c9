/**
 * Maps a district task-breakdown table (任务责任清单分解表) onto evaluate requests, by its header names
 * (shared/spec/evaluate-contract.md, batch endpoint): 重点任务/事项/任务名称 → title, 主要措施/具体内容/工作内容 →
 * description, 牵头单位 → department, 责任单位 → responsibleUnits, 配合单位/协助单位 → assistingUnits; 序号,
 * 完成时限 and 备注 are carried along.
 */
import { parseCsv } from './csv.ts';

export interface DutyListRow {
  /** 1-based line of the row in the table, header included, for messages. */
  line: number;
  request: Record<string, unknown>;
  carried: { serial?: string; deadline?: string; remark?: string };
}

const COLUMN_FIELDS: Record<string, keyof Mapped> = {
  重点任务: 'title',
  事项: 'title',
  事项名称: 'title',
  任务名称: 'title',
  任务: 'title',
  主要措施: 'description',
  具体内容: 'description',
  工作内容: 'description',
  工作措施: 'description',
  具体措施: 'description',
  牵头单位: 'department',
  责任单位: 'responsibleUnits',
  配合单位: 'assistingUnits',
  协助单位: 'assistingUnits',
  完成时限: 'deadline',
  时限: 'deadline',
  序号: 'serial',
  备注: 'remark',
};

interface Mapped {
  title: string;
  description: string;
  department: string;
  responsibleUnits: string;
  assistingUnits: string;
  deadline: string;
  serial: string;
  remark: string;
}

export class DutyListError extends Error {
  constructor(readonly kind: 'empty' | 'no-columns') {
    super(kind);
    this.name = 'DutyListError';
  }
}

const UNIT_SEPARATORS = /[、，,;；\s]+/;

export function splitUnits(cell: string): string[] {
  return cell.split(UNIT_SEPARATORS).map((u) => u.trim()).filter((u) => u !== '');
}

export function readDutyList(csv: string): DutyListRow[] {
  const table = parseCsv(csv);
  const header = table[0];
  if (!header || table.length < 2) throw new DutyListError('empty');
  const columns = header.map((name) => COLUMN_FIELDS[name.replace(/\s/g, '')] ?? null);
  if (!columns.some((c) => c === 'title' || c === 'description')) throw new DutyListError('no-columns');
  return table.slice(1).map((cells, index) => {
    const mapped: Partial<Mapped> = {};
    columns.forEach((field, i) => {
      const value = (cells[i] ?? '').trim();
      if (field && value && !mapped[field]) mapped[field] = value;
    });
    const request: Record<string, unknown> = {};
    if (mapped.title) request.title = mapped.title.slice(0, 200);
    if (mapped.description) request.description = mapped.description;
    if (mapped.department) request.department = mapped.department.slice(0, 100);
    // A duty-list row always states its units; an empty 责任单位 still means "no community named".
    request.responsibleUnits = splitUnits(mapped.responsibleUnits ?? '');
    if (mapped.assistingUnits) request.assistingUnits = splitUnits(mapped.assistingUnits);
    if ((request.responsibleUnits as string[]).length === 0 && !mapped.assistingUnits) {
      request.responsibleUnits = mapped.department ? [mapped.department] : [];
    }
    return {
      line: index + 2,
      request,
      carried: {
        ...(mapped.serial ? { serial: mapped.serial } : {}),
        ...(mapped.deadline ? { deadline: mapped.deadline } : {}),
        ...(mapped.remark ? { remark: mapped.remark } : {}),
      },
    };
  });
}
