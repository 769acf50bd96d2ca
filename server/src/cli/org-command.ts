import { adminAuthService, withAdminDatabase } from '../auth/admin-database.js';
import { listOrgViews, type OrgView } from '../auth/user-queries.js';
import { DomainError } from '../services/domain-error.js';
import { CliError, EXIT_INVALID_INPUT } from './cli-error.js';
import { type DataDirOptions, storeOf } from './data-dir.js';
import { withReadDatabase } from './read-database.js';
import { cell, formatTable } from './table.js';
import { isoUtc } from './time-format.js';

export interface OrgListOptions extends DataDirOptions {
  readonly json?: boolean;
}

/** `taskomatic-server org add NAME`: adds an org to the data folder (created and migrated when new), also while a server runs on it. */
export async function orgAddCommand(name: string, options: DataDirOptions): Promise<void> {
  const org = await withAdminDatabase(storeOf(options), async (database) => {
    try {
      return await adminAuthService(database).createOrg(name, 'cli');
    } catch (error) {
      if (error instanceof DomainError) throw new CliError(error.message, { exitCode: EXIT_INVALID_INPUT, cause: error });
      throw error;
    }
  });
  process.stdout.write(`created org ${org.name} (id ${org.id})\n`);
}

/** `taskomatic-server org list`: every org, as a table or as JSON (read-only; works beside a running server). */
export async function orgListCommand(options: OrgListOptions): Promise<void> {
  const orgs = await withReadDatabase(storeOf(options), (database) => listOrgViews(database.db));
  if (options.json) {
    process.stdout.write(`${JSON.stringify(orgs.map(orgJson), null, 2)}\n`);
    return;
  }
  if (orgs.length === 0) {
    process.stdout.write('No orgs.\n');
    return;
  }
  process.stdout.write(formatTable(['ID', 'NAME', 'CREATED (UTC)'], orgs.map((o) => [String(o.id), cell(o.name), isoUtc(o.createdAt)])));
}

function orgJson(o: OrgView) {
  return { id: o.id, name: o.name, created_at: isoUtc(o.createdAt) };
}
