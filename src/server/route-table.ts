import type { Route } from './router.ts';
import { appLogRoute } from './routes/app-log.ts';
import { appcodeRoutes } from './routes/appcode.ts';
import { eventingConfigRoute } from './routes/eventing-config.ts';
import { functionConfigRoute } from './routes/function-config.ts';
import { functionRoute, functionRoutes } from './routes/functions.ts';
import { lifecycleRoutes } from './routes/lifecycle.ts';
import { listRoute } from './routes/list.ts';
import { settingsRoute } from './routes/settings.ts';
import { statsRoutes } from './routes/stats.ts';
import { statusRoutes } from './routes/status.ts';

/**
 * Every route of the local service, in matching order: the per-function routes with a suffix
 * come before `/api/v1/functions/{name}`, whose name may contain anything (spec §1.5).
 */
export const ROUTES: readonly Route[] = [
  ...lifecycleRoutes,
  settingsRoute,
  functionConfigRoute,
  ...appcodeRoutes,
  ...functionRoutes,
  functionRoute,
  ...statusRoutes,
  appLogRoute,
  listRoute,
  eventingConfigRoute,
  ...statsRoutes,
];
