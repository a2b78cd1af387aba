/**
 * Imported by every test file that uses fast-check: with FC_SEED set (test/run-all.mjs sets a fixed
 * one when CI is set), every property runs from that seed, so CI is reproducible; without it each run
 * explores new inputs. A failure prints its seed either way, for replaying with FC_SEED=<seed>.
 */
import fc from 'fast-check';

if (process.env['FC_SEED'] !== undefined) fc.configureGlobal({ seed: Number(process.env['FC_SEED']) });
