import { installLogSink } from './log-sink.js';

installLogSink();
