import { formatLocation } from '../location.ts';
import { message, type Reply } from '../reply.ts';
import { existing, pathLocation } from '../route-helpers.ts';
import type { RequestContext, Route } from '../router.ts';

// POST /api/v1/functions/{name}/deploy | undeploy | pause | resume (spec §2.1–2.4). Each only
// records the intent and starts the transition; clients poll the status (spec §9.1). 8.x
// ignores the body.

type LifecycleRoute = 'deploy' | 'undeploy' | 'pause' | 'resume';

const DONE: Record<LifecycleRoute, string> = {
  deploy: 'is deploying',
  undeploy: 'is undeploying',
  pause: 'is Pausing',
  resume: 'is Resuming',
};

function lifecycle(route: LifecycleRoute) {
  return async (context: RequestContext): Promise<Reply> => {
    const location = pathLocation(context);
    await context.service.exclusive(async () => {
      // 8.0.1+ answers 400 ERR_APP_NOT_FOUND here, not the 404 of the other routes.
      const record = existing(context, location, 'ERR_APP_NOT_FOUND');
      context.service.changeLifecycle(record, route);
    });
    await context.service.persist();
    return message(`Function: ${formatLocation(location)} ${DONE[route]}`);
  };
}

export const lifecycleRoutes: Route[] = (['deploy', 'undeploy', 'pause', 'resume'] as const).map(
  (route) => ({
    pattern: new RegExp(`^/api/v1/functions/(.+)/${route}/?$`),
    methods: { POST: lifecycle(route) },
  }),
);
