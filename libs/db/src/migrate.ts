import { loadConfig } from '@bastion/config';
import { runMigrations } from './data-source';

// `npm run migrate` and the compose one-shot service: apply pending migrations to DATABASE_URL.
runMigrations(loadConfig().databaseUrl).then(
  (names) => console.log(names.length ? `migrations applied: ${names.join(', ')}` : 'database is up to date'),
  (err: unknown) => {
    console.error('migration failed:', err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
