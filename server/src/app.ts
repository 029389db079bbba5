import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import type { Config } from './config.js';
import { openOrm, migrate, type Orm } from './db/orm.js';
import { createLoaders } from './graphql/loaders.js';
import type { AppContext } from './graphql/context.js';
import { formatErrorFor } from './graphql/errors-format.js';
import { AppError } from './graphql/errors.js';
import { checkLimits, limitsPlugin } from './graphql/limits.js';
import { createSchema } from './graphql/schema.js';
import { createLogger } from './logger.js';
import { createServices, type Services } from './services.js';
import { FloorEvents } from './realtime/events.js';
import { AlertWatch } from './alerts/alert-watch.js';
import { createEventBus } from './realtime/pubsub.js';
import { LiveSessions } from './realtime/sessions.js';
import { SharedExecutions, type LiveStats } from './realtime/shared-executions.js';
import { audienceOf } from './realtime/sharing-policy.js';
import { FixedClock, systemClock, type Clock } from './shared/clock.js';
import { currentRequestScope, runInRequestScope } from './shared/request-scope.js';
import type { GraphQLError } from 'graphql';

export interface App {
  services: Services;
  httpServer: Server;
  /** Resolves with the bound URL (port 0 picks a free port). */
  listen(): Promise<{ url: string; port: number }>;
  /** Stops taking requests, drains HTTP and WebSocket, then closes the event bus and the database. */
  stop(): Promise<void>;
  /** Alert rules evaluated as events arrive and on a timer; `idle()` resolves once evaluations queued so far are done. */
  alertWatch: AlertWatch;
  /** Closes the WebSocket connections whose token has expired by the server clock (also done every second). */
  closeExpiredSessions(): number;
  /** Live subscriptions, shared streams and executions so far, with the listeners they hold on the event bus. */
  liveStats(): LiveStats & { busListeners: number };
}

export interface AppOptions {
  clock?: Clock;
  logger?: Logger;
  orm?: Orm;
}

const GRAPHQL_PATH = '/graphql';

export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const clock = options.clock ?? (config.clockNow ? new FixedClock(config.clockNow) : systemClock);
  const orm = options.orm ?? (await openOrm(config.database));
  await migrate(orm, { floorTimeZone: config.floorTimeZone });
  // Subscription events: in-process, or through Redis when REDIS_URL is set (several instances).
  const events = new FloorEvents(await createEventBus({ redisUrl: config.redisUrl, channelPrefix: config.redisChannelPrefix, logger }), logger, config.database.kind);
  const services = createServices({ config, clock, orm, logger, events });
  orm.em.getEventManager().registerSubscriber(services.bucketFlowKeeper);
  orm.em.getEventManager().registerSubscriber(services.bucketMetricsWatcher);
  const alertWatch = new AlertWatch(services.alerts, events, orm, logger);
  await alertWatch.start(config.alerts);
  const schema = await createSchema(events.pubSub);
  const limits = { maxDepth: config.maxQueryDepth, maxCost: config.maxQueryCost };

  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(app);
  let draining = false;

  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
        res: (res: { statusCode: number }) => ({ status: res.statusCode }),
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' || req.url === '/metrics/subscriptions' },
    }),
  );

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    if (draining) {
      res.status(503).json({ status: 'draining' });
      return;
    }
    try {
      await orm.em.fork().getConnection().execute('select 1');
      res.json({ status: 'ready', database: config.database.kind, events: events.transport });
    } catch {
      res.status(503).json({ status: 'database unavailable' });
    }
  });

  const wsServer = new WebSocketServer({ server: httpServer, path: GRAPHQL_PATH });
  const sessions = new LiveSessions(clock);
  sessions.start();
  const live = new SharedExecutions({
    enabled: config.live.shared,
    audienceOf: ({ field, args, contextValue }) => audienceOf(field, args, (contextValue as AppContext).viewer),
  });
  const liveStats = () => ({ ...live.stats(), busListeners: events.listeners });
  const wsCleanup = useWebSocketGraphQL(wsServer, schema, services, limits, sessions, live);
  if (config.live.exposeMetrics) {
    app.get('/metrics/subscriptions', (_req, res) => {
      res.json(liveStats());
    });
  }

  const apollo = new ApolloServer<AppContext>({
    schema,
    introspection: true,
    // main.ts handles SIGINT/SIGTERM and stops things in order (the simulator's agents sign off through
    // HTTP first); Apollo's own handlers would close the port under them.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: config.env !== 'production',
    formatError: formatErrorFor(config.env === 'production', logger),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      { async serverWillStart() { return { async drainServer() { await wsCleanup.dispose(); } }; } },
      ApolloServerPluginLandingPageDisabled(),
      // The API sets no cache hints, and Apollo's cache-control plugin is the one hook that made it wrap
      // every field's resolver (a page of 50 accounts resolves some 1,000 fields).
      ApolloServerPluginCacheControlDisabled(),
      limitsPlugin(limits),
      sqlCountPlugin(config.exposeSqlCount),
    ],
  });
  await apollo.start();

  app.use(
    GRAPHQL_PATH,
    // A ledger export of 50,000 lines is a few megabytes.
    express.json({ limit: '16mb' }),
    (req, res, next) => runInRequestScope({ requestId: String(req.id), sqlStatements: 0 }, next),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const em = orm.em.fork();
        const viewer = await services.auth.authenticate(em, req.headers.authorization);
        return { em, viewer, requestId: String(req.id), loaders: createLoaders(em, viewer), services };
      },
    }),
  );

  serveClient(app, config);
  app.use(jsonErrors);

  return {
    services,
    httpServer,
    listen: () =>
      new Promise((resolvePromise, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.port, config.host, () => {
          const address = httpServer.address();
          const port = typeof address === 'object' && address ? address.port : config.port;
          resolvePromise({ url: `http://127.0.0.1:${port}${GRAPHQL_PATH}`, port });
        });
      }),
    stop: async () => {
      draining = true;
      await apollo.stop();
      sessions.stop();
      await alertWatch.stop();
      await events.close();
      if (!options.orm) await orm.close(true);
    },
    alertWatch,
    closeExpiredSessions: () => sessions.sweep(),
    liveStats,
  };
}

/** graphql-ws on the same port and path; skips HTTP middleware, so it makes its own context. */
function useWebSocketGraphQL(
  wsServer: WebSocketServer,
  schema: GraphQLSchema,
  services: Services,
  limits: { maxDepth: number; maxCost: number },
  sessions: LiveSessions,
  live: SharedExecutions,
) {
  return useServer<Record<string, unknown>>(
    {
      schema,
      // Subscribers with the same operation and reach share one execution per event.
      subscribe: live.subscribe,
      context: async (ctx) => {
        const em = services.orm.em.fork();
        const viewer = await services.auth.authenticate(em, wsAuthorization(ctx.connectionParams));
        return { em, viewer, requestId: randomUUID(), loaders: createLoaders(em, viewer), services } satisfies AppContext;
      },
      onConnect: async (ctx) => {
        try {
          const authorization = wsAuthorization(ctx.connectionParams);
          await services.auth.authenticate(services.orm.em.fork(), authorization);
          // The token is checked once per connection; its expiry is watched for as long as the socket lives.
          sessions.track(ctx.extra.socket, authorization);
          return true;
        } catch {
          return false;
        }
      },
      onClose: (ctx) => {
        sessions.forget(ctx.extra.socket);
      },
      // Nothing more reaches a client once its session has ended: the socket closes with 4401 instead.
      onNext: (ctx) => {
        sessions.closeIfExpired(ctx.extra.socket);
      },
      onSubscribe: async (ctx, _id, payload) => {
        if (sessions.closeIfExpired(ctx.extra.socket)) return [new AppError('UNAUTHENTICATED', 'The session has expired; sign in again.', { reason: 'TOKEN_EXPIRED' })];
        const { parse } = await import('graphql');
        try {
          checkLimits(schema, parse(payload.query), payload.variables ?? {}, limits, payload.operationName ?? undefined);
        } catch (error) {
          return [error as GraphQLError];
        }
        return undefined;
      },
    },
    wsServer,
  );
}

/** Body-parser failures (too large, not JSON) answer as GraphQL errors, never an HTML page with a stack. */
function jsonErrors(error: { status?: number; type?: string; message?: string }, _req: express.Request, res: express.Response, next: express.NextFunction): void {
  if (res.headersSent) return next(error);
  const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
  const message = status === 413 ? 'The request body is too large.' : status === 500 ? 'Internal server error' : 'The request body is not valid JSON.';
  res.status(status).json({ errors: [{ message, extensions: { code: status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST' } }] });
}

/** connectionParams.authorization, as "Bearer <token>" or the bare token. */
function wsAuthorization(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const value = params?.authorization;
  if (typeof value !== 'string' || !value.trim()) return undefined;
  return /^Bearer\s/i.test(value.trim()) ? value : `Bearer ${value.trim()}`;
}

/** Reports how many SQL statements a request ran, for tests and benchmarks (EXPOSE_SQL_COUNT). */
function sqlCountPlugin(enabled: boolean) {
  return {
    async requestDidStart() {
      if (!enabled) return {};
      return {
        async willSendResponse({ response }: { response: { body: { kind: string; singleResult?: { extensions?: Record<string, unknown> } } } }) {
          const scope = currentRequestScope();
          if (scope && response.body.kind === 'single' && response.body.singleResult) {
            response.body.singleResult.extensions = { ...response.body.singleResult.extensions, sqlStatements: scope.sqlStatements };
          }
        },
      };
    },
  };
}

/** The built dashboard, with client-side routes falling back to index.html. */
function serveClient(app: express.Express, config: Config): void {
  const dist = config.clientDist ?? fileURLToPath(new URL('../../client/dist', import.meta.url));
  if (!existsSync(dist)) return;
  app.use(express.static(dist, { index: 'index.html', maxAge: '1h' }));
  app.get(/^(?!\/graphql|\/healthz|\/readyz|\/metrics\/).*/, (_req, res) => res.sendFile('index.html', { root: dist }));
}
