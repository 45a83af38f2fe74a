// Creates or drops the scratch PostgreSQL database a CI run tests against.
// usage: node scripts/ci-database.mjs create|drop NAME   (server: PGHOST/PGUSER or 127.0.0.1 as postgres)
import pg from 'pg';

const [action, name] = process.argv.slice(2);
if (!['create', 'drop'].includes(action) || !/^[a-z_][a-z0-9_]*$/.test(name ?? '')) {
  console.error('usage: node scripts/ci-database.mjs create|drop NAME');
  process.exit(2);
}
const client = new pg.Client({ host: process.env.PGHOST ?? '127.0.0.1', port: 5432, user: process.env.PGUSER ?? 'postgres', database: 'postgres' });
await client.connect();
await client.query(action === 'create' ? `create database ${name}` : `drop database if exists ${name} with (force)`);
await client.end();
