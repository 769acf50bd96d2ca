import { CONTRACT } from './contract.js';
import { FAULTS } from './faults.js';
import type { MethodSpec } from './method.js';
import { type ApiType, describeType, fieldOf } from './types.js';

/**
 * The API reference (docs/api.md), generated from the contract: every method with who may call it, its
 * parameters, result and faults, then every named struct. A test regenerates it and fails when the checked-in
 * file is stale; `npm run docs` writes it.
 */
export function renderReference(): string {
  const structs = new Map<string, ApiType & { kind: 'struct' }>();
  const out: string[] = [
    '# Taskomatic API reference',
    '',
    'Generated from `shared/src/api/contract.ts` by `npm run docs`; do not edit by hand.',
    '',
    'XML-RPC at `/rpc/api` (and `/RPC2`). Every method but `auth.login` and `system.*` takes the session key',
    'from `auth.login` first. Dates are `dateTime.iso8601` in UTC. XML-RPC has no null: optional struct members',
    'are left out when they have no value. Integers past 32 bits are sent as `<i8>`.',
    '',
    'Roles: **sat-admin** (satellite admins), **org-admin** (org admins, pinned to their org), **any** (any logged-in',
    'user; what they see is scoped to their org), **public** (no session).',
    '',
    '## Faults',
    '',
    '| code | name | meaning |',
    '|---|---|---|',
    ...Object.entries(FAULTS).map(([name, fault]) => `| ${fault.code} | ${name} | ${fault.help} |`),
    '',
    'Besides those listed per method, any call may get BAD_REQUEST, REQUEST_TOO_LARGE, UNKNOWN_METHOD,',
    'INVALID_PARAMS, NOT_AUTHENTICATED, PERMISSION_DENIED or INTERNAL.',
    '',
  ];
  const byNamespace = new Map<string, Array<[string, MethodSpec]>>();
  for (const [name, spec] of Object.entries(CONTRACT) as Array<[string, MethodSpec]>) {
    const namespace = name.slice(0, name.lastIndexOf('.'));
    byNamespace.set(namespace, [...(byNamespace.get(namespace) ?? []), [name, spec]]);
  }
  for (const [namespace, methods] of byNamespace) {
    out.push(`## ${namespace}`, '');
    for (const [name, spec] of methods) {
      out.push(`### ${name}`, '', `${spec.help}. Role: **${spec.role}**.`, '');
      for (const params of spec.signatures) {
        const names = [...(spec.role === 'public' ? [] : ['sessionKey']), ...params.map((p) => p.name)];
        out.push(`\`${name}(${names.join(', ')})\` → ${typeName(spec.result, structs)}`, '');
        const rows = params.flatMap((p) => paramRows(p.name, p.type, p.doc, structs));
        if (rows.length > 0) out.push('| parameter | type | notes |', '|---|---|---|', ...rows, '');
      }
      if (spec.faults.length > 0) out.push(`Faults: ${spec.faults.join(', ')}.`, '');
    }
  }
  out.push('## Structs', '');
  const written = new Set<string>();
  // Rendering a struct can name further structs: keep going until none is left.
  for (let pending = [...structs.keys()]; pending.length > 0; pending = [...structs.keys()].filter((n) => !written.has(n))) {
    for (const name of pending.sort()) {
      written.add(name);
      const struct = structs.get(name) as ApiType & { kind: 'struct' };
      out.push(`### ${name}`, '', '| member | type | notes |', '|---|---|---|');
      for (const [member, declared] of Object.entries(struct.fields)) {
        const field = fieldOf(declared);
        out.push(row(`${member}${field.optional ? ' (optional)' : ''}`, typeName(field.type, structs), field.doc));
      }
      out.push('');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** Table rows of a parameter: an unnamed struct (a request) shows one row per member, with its notes. */
function paramRows(name: string, type: ApiType, doc: string | undefined, structs: Map<string, ApiType & { kind: 'struct' }>): string[] {
  if (type.kind !== 'struct' || type.name) return [row(name, typeName(type, structs), doc)];
  return Object.entries(type.fields).map(([member, declared]) => {
    const field = fieldOf(declared);
    return row(`${name}.${member}${field.optional ? ' (optional)' : ''}`, typeName(field.type, structs), field.doc);
  });
}

/** One table row; pipes inside cells are escaped so the table keeps its columns. */
function row(...cells: ReadonlyArray<string | undefined>): string {
  return `| ${cells.map((c) => (c ?? '').replace(/\|/g, '\\|')).join(' | ')} |`;
}

/** A type's name in the reference; named structs are linked and collected for the struct section. */
function typeName(type: ApiType, structs: Map<string, ApiType & { kind: 'struct' }>): string {
  if (type.kind === 'struct') {
    if (!type.name) {
      const members = Object.entries(type.fields).map(([n, f]) => `${n}${fieldOf(f).optional ? '?' : ''}: ${typeName(fieldOf(f).type, structs)}`);
      return `struct { ${members.join(', ')} }`;
    }
    structs.set(type.name, type);
    return `[${type.name}](#${type.name.toLowerCase()})`;
  }
  if (type.kind === 'array') return `array of ${typeName(type.items, structs)}`;
  if (type.kind === 'map') return `struct of ${typeName(type.values, structs)}`;
  return describeType(type);
}
