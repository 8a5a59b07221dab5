import pg from 'pg';

// Database names cannot be bound as parameters, so they are checked to be
// plain identifiers before they are quoted into CREATE and DROP.
function identifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`unsafe database name ${JSON.stringify(name)}`);
  return `"${name}"`;
}

async function withClient<T>(adminUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createDatabase(adminUrl: string, name: string): Promise<void> {
  await withClient(adminUrl, (c) => c.query(`CREATE DATABASE ${identifier(name)}`));
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  // WITH (FORCE) ends sessions a killed server may have left (PostgreSQL 13+).
  await withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${identifier(name)} WITH (FORCE)`));
}
