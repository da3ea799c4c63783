import type { StoreDbConnection } from '../../../../src-shared/ipc/contract';

/** The command line that opens a shell on the forwarded database; the password is asked for, never in it. */
export function connectionCommand(c: StoreDbConnection): string {
  return c.engine === 'postgres'
    ? `psql -h ${c.host} -p ${c.port} -U ${c.user} ${c.database}`
    : `mariadb -h ${c.host} -P ${c.port} -u ${c.user} -p ${c.database}`;
}

export const ENGINE_LABEL: Record<StoreDbConnection['engine'], string> = {
  mariadb: 'MariaDB',
  postgres: 'PostgreSQL',
};
