import { loadDatabaseUrl } from '@bastion/config';
import { runMigrations } from './data-source';

// `npm run migrate` and the compose one-shot service: apply pending migrations to DATABASE_URL
// (it needs no secrets, so it reads only that).
runMigrations(loadDatabaseUrl()).then(
  (names) => console.log(names.length ? `migrations applied: ${names.join(', ')}` : 'database is up to date'),
  (err: unknown) => {
    console.error('migration failed:', err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
