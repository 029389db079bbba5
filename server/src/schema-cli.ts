import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createSchema, schemaSdl } from './graphql/schema.js';
import { createInProcessBus } from './realtime/pubsub.js';

const target = fileURLToPath(new URL('../../schema/schema.graphql', import.meta.url));
writeFileSync(target, schemaSdl(await createSchema(createInProcessBus().pubSub)));
console.log(`Wrote ${target}`);
