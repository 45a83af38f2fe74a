import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { AppDeps } from './app-deps.ts';
import { AppError } from './lib/app-error.ts';
import { registerRateLimits } from './lib/rate-limit.ts';
import './lib/route-access.ts';
import { authorizeRequest, authModule } from './modules/auth/index.ts';
import { platformModule } from './modules/platform/index.ts';
import { portfolioModule } from './modules/portfolio/index.ts';
import { importsModule } from './modules/imports/index.ts';
import { assistantModule } from './modules/assistant/index.ts';
import { casesModule } from './modules/cases/index.ts';
import { paymentsModule } from './modules/payments/index.ts';
import { gatewaysModule } from './modules/gateways/index.ts';
import { bookPaymentFlow, bookPaymentsFlow, paymentsBooker } from './flows/payment-booking.ts';
import { plansModule } from './modules/plans/index.ts';
import { strategiesModule } from './modules/strategies/index.ts';
import { outboxModule } from './modules/outbox/index.ts';
import { portalModule } from './modules/portal/index.ts';

const WEB_DIST = fileURLToPath(new URL('../web/dist/', import.meta.url));

/** Routes that belong to plugins (OpenAPI UI, static files) rather than to Tagih's own routes. */
export function isPluginRoute(url: string, config: object | undefined): boolean {
  // @fastify/static (wildcard: false) registers one route per built file of web/dist and marks it with `config.file`.
  const isStaticFile = config !== undefined && 'file' in config;
  return url.startsWith('/docs') || url === '/*' || url === '/' || isStaticFile;
}

/** Builds the HTTP app; `server.ts` only listens, tests use `app.inject()`. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.config.logLevel === 'silent' ? false : { level: deps.config.logLevel, redact: ['req.headers.cookie', 'req.headers.authorization'] },
    bodyLimit: 1024 * 1024,
    // Only named proxies may set X-Forwarded-For; otherwise a client could dodge the per-IP login throttle.
    trustProxy: deps.config.trustedProxies.length > 0 ? [...deps.config.trustedProxies] : false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('principal', null);

  // Every route must say who may call it; refusing at registration means no route is open by accident.
  app.addHook('onRoute', (route) => {
    if (!route.config?.access && !isPluginRoute(route.url, route.config)) {
      throw new Error(`route ${String(route.method)} ${route.url} declares no config.access`);
    }
  });
  // preValidation, not preHandler: schema validation runs before preHandler, so an anonymous caller would
  // get a 400 describing the body instead of a 401 (found by test/permission-matrix.test.ts).
  app.addHook('preValidation', async (request) => authorizeRequest(deps, request));

  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      return reply.status(400).send({
        error: {
          code: 'TAGIH_VALIDATION',
          message: `invalid ${err.validationContext ?? 'request'}`,
          details: err.validation.map((v) => ({ path: v.instancePath || '/', message: v.message })),
        },
      });
    }
    if (err instanceof AppError) {
      return reply.status(err.statusCode).send({ error: { code: err.code, message: err.message, details: err.details ?? null } });
    }
    const status = err.statusCode ?? 500;
    if (status === 413) return reply.status(413).send({ error: { code: 'TAGIH_PAYLOAD_TOO_LARGE', message: err.message, details: null } });
    if (status >= 400 && status < 500) {
      return reply.status(status).send({ error: { code: 'TAGIH_VALIDATION', message: err.message, details: null } });
    }
    request.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'TAGIH_INTERNAL', message: 'internal error', details: null } });
  });

  await app.register(cookie);
  // Before any module: the plugin's onRoute hook must see the routes that opt in.
  await registerRateLimits(app);
  await app.register(multipart, { limits: { fileSize: 2 * 1024 * 1024 * 1024, files: 1 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Tagih API', version: '1', description: 'Debt collection for Indonesian lenders' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'tagih_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  await app.register(platformModule, { deps });
  await app.register(authModule, { deps, prefix: '/api/v1' });
  await app.register(portfolioModule, { deps, prefix: '/api/v1' });
  await app.register(importsModule, { deps, prefix: '/api/v1' });
  await app.register(assistantModule, { deps, prefix: '/api/v1' });
  await app.register(casesModule, { deps, prefix: '/api/v1' });
  await app.register(paymentsModule, { deps, book: bookPaymentFlow, bookMany: bookPaymentsFlow, prefix: '/api/v1' });
  await app.register(gatewaysModule, { deps, booker: paymentsBooker, prefix: '/api/v1' });
  await app.register(plansModule, { deps, prefix: '/api/v1' });
  await app.register(strategiesModule, { deps, prefix: '/api/v1' });
  await app.register(outboxModule, { deps, prefix: '/api/v1' });
  await app.register(portalModule, { deps, prefix: '/api/v1' });

  if (existsSync(WEB_DIST)) {
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false });
  }
  app.setNotFoundHandler((request, reply) => {
    const isPageRequest = request.method === 'GET' && !request.url.startsWith('/api/') && existsSync(`${WEB_DIST}index.html`);
    if (isPageRequest) return reply.sendFile('index.html');
    return reply.status(404).send({ error: { code: 'TAGIH_NOT_FOUND', message: `no route ${request.method} ${request.url}`, details: null } });
  });
  return app;
}
