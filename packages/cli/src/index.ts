export { runDoctor } from './doctor/run-doctor.js';
export type { CheckResult, CheckStatus, DoctorOptions, DoctorReport } from './doctor/types.js';
export { formatHuman, formatJson } from './format/human.js';
export { type CliIo, main } from './main.js';
