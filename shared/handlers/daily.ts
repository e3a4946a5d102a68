import type { Logger } from '@aws-lambda-powertools/logger';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { type DailyDeps, type DailyResult, runDaily } from '../app/daily.js';
import { amsterdamDate } from '../domain/time.js';
import { isIsoDate } from '../domain/working-days.js';
import type { Runtime } from './runtime.js';

export interface DailyHandlerDeps extends DailyDeps {
  logger: Logger;
  metrics: Metrics;
}

/**
 * The scheduled job (EventBridge Scheduler, 07:00 Europe/Amsterdam). The event may name a date
 * (`{"date":"2027-03-14"}`) for a manual rerun; a rerun of any date sends nothing twice.
 */
export function createDailyHandler(deps: DailyHandlerDeps) {
  return async (event: { date?: string } | undefined): Promise<DailyResult> => {
    const date =
      typeof event?.date === 'string' && isIsoDate(event.date) ? event.date : amsterdamDate(deps.now());
    const result = await runDaily(deps, date);
    deps.metrics.addMetric('RemindersPlanned', MetricUnit.Count, result.written.length);
    if (deps.metrics.hasStoredMetrics()) deps.metrics.publishStoredMetrics();
    deps.logger.info('daily job done', {
      date,
      planned: result.planned,
      written: result.written.length,
      alreadyDone: result.alreadyDone,
      freeTextErased: result.erased ? result.erased.submissions + result.erased.events : 0,
    });
    return result;
  };
}

export const dailyFromRuntime = ({ clients, config, logger, metrics, now }: Runtime) =>
  createDailyHandler({
    store: clients.store,
    now,
    logger,
    metrics,
    freeTextDays: config.RETENTION_FREE_TEXT_DAYS,
  });
