/**
 * Every endpoint the fake org implements.
 *
 * @module
 */
import type { Route } from "./_router.ts";
import { userRoutes } from "./_users.ts";
import { lifecycleRoutes } from "./_user_lifecycle.ts";
import { groupRoutes } from "./_groups.ts";
import { appRoutes } from "./_apps.ts";
import { appUserRoutes } from "./_app_users.ts";
import { appGroupRoutes } from "./_app_groups.ts";
import { factorRoutes } from "./_factors.ts";
import { logRoutes } from "./_logs.ts";

/** The route table. */
export const routes: Route[] = [
  ...userRoutes,
  ...lifecycleRoutes,
  ...groupRoutes,
  ...appRoutes,
  ...appUserRoutes,
  ...appGroupRoutes,
  ...factorRoutes,
  ...logRoutes,
];
