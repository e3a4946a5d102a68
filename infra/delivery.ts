import { readFileSync } from 'node:fs';
import { FUNCTION_SETTINGS } from '../shared/http/routes.js';
import { parseSettings, type Settings } from './settings.js';

/**
 * How notify runs in AWS: the numbers the CDK stack deploys and the local stack copies, so `npm start`
 * and the tests see the pace and the deadline production has (see ADR 0002).
 */
export interface DeliverySettings {
  /** The notify (and sweeper) function's timeout. */
  notifyTimeoutSeconds: number;
  /** The SES account's maximum send rate; shared by every container through the store. */
  sesSendRatePerSecond: number;
  /** Stream records per invocation: what fits in a third of the timeout at the send rate. */
  streamBatchSize: number;
  streamRetryAttempts: number;
  /** A claim keeps others away this long: twice the timeout, so its holder is surely gone. */
  leaseSeconds: number;
  /** The sweeper delivers what is still unsent this long after it was written. */
  sweepAfterSeconds: number;
  sweepEveryMinutes: number;
  /** The alarm fires when the oldest unsent item is older than this. */
  oldestUnsentAlarmSeconds: number;
}

export function deliverySettings(
  settings: Pick<Settings, 'sesSendRatePerSecond' | 'streamRetryAttempts'>,
  notifyTimeoutSeconds: number = FUNCTION_SETTINGS.notify.timeoutSeconds,
): DeliverySettings {
  const rate = settings.sesSendRatePerSecond;
  return {
    notifyTimeoutSeconds,
    sesSendRatePerSecond: rate,
    streamBatchSize: Math.max(1, Math.min(100, Math.floor((rate * notifyTimeoutSeconds) / 3))),
    streamRetryAttempts: settings.streamRetryAttempts,
    leaseSeconds: 2 * notifyTimeoutSeconds,
    sweepAfterSeconds: 300,
    sweepEveryMinutes: 5,
    oldestUnsentAlarmSeconds: 900,
  };
}

/**
 * The settings `cdk deploy` uses: cdk.json's context "covenant". cdk.json ships no addresses (an
 * operator passes them at deploy); delivery does not depend on them, so the local stack and the tests
 * fill in fictional ones.
 */
export function deployedSettings(): Settings {
  const cdkJson = JSON.parse(readFileSync(new URL('../cdk.json', import.meta.url), 'utf8')) as {
    context?: { covenant?: Record<string, unknown> };
  };
  return parseSettings({
    senderEmail: 'meldingen@local.example.org',
    operatorEmail: 'beheer@local.example.org',
    ...cdkJson.context?.covenant,
  });
}

/** The deployed delivery settings, the way the local stack starts by default. */
export const deployedDelivery = (): DeliverySettings => deliverySettings(deployedSettings());

/**
 * The same settings with time shortened in proportion: `factor` times the rate, a `factor`-th of the
 * timeout, lease and sweep delay. Same number of sends per invocation, same deadline behaviour.
 */
export function scaledDelivery(base: DeliverySettings, factor: number): DeliverySettings {
  return {
    ...base,
    notifyTimeoutSeconds: base.notifyTimeoutSeconds / factor,
    sesSendRatePerSecond: base.sesSendRatePerSecond * factor,
    leaseSeconds: base.leaseSeconds / factor,
    sweepAfterSeconds: base.sweepAfterSeconds / factor,
    sweepEveryMinutes: base.sweepEveryMinutes / factor,
  };
}
