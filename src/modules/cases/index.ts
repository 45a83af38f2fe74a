import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app-deps.ts';
import { disputeRoutes } from './disputes/routes.ts';
import { promiseRoutes } from './promises/routes.ts';
import { workQueueRoutes } from './work-queue/routes.ts';
import { assignmentRoutes } from './assignment/routes.ts';
import { outcomeRoutes } from './outcomes/routes.ts';
import { templateRoutes } from './templates/routes.ts';
import { fieldVisitRoutes } from './field-visits/routes.ts';

/**
 * Case handling for people: promises to pay, disputes and complaints, work queues, interaction outcomes,
 * field visits and the templates admin API. Registered by app.ts under `/api/v1`.
 */
export const casesModule: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  await app.register(promiseRoutes, { deps });
  await app.register(disputeRoutes, { deps });
  await app.register(workQueueRoutes, { deps });
  await app.register(assignmentRoutes, { deps });
  await app.register(outcomeRoutes, { deps });
  await app.register(templateRoutes, { deps });
  await app.register(fieldVisitRoutes, { deps });
};

export { createPromise, cancelPromise, listPromises, toPromiseView, type NewPromise, type PromiseView, type PromiseSource } from './promises/service.ts';
export { openDispute, resolveDispute, toDisputeView, type NewDispute, type DisputeView } from './disputes/service.ts';
export { casePolicyOf, type CaseContext } from './shared/context.ts';
export { createWorkItem, completeWorkItem, claimNext, type NewWorkItem, type WorkItemView } from './work-queue/service.ts';
export { assignAccount, autoAssign, type AssignTo, type AutoAssignSummary } from './assignment/service.ts';
export { logOutcome, type OutcomeResult } from './outcomes/service.ts';
export { createTemplateVersion, retireTemplate, previewTemplate } from './templates/service.ts';
export { scheduleVisit, checkIn, checkOut, addPhoto } from './field-visits/service.ts';
