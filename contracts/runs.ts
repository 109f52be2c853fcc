/** Request shapes of the detection-run API. */
import { z } from 'zod';
import { TunableSettings } from './detection-settings.ts';

export const RunIdParam = z.object({
  id: z.string().regex(/^run-[0-9A-Za-z-]{6,60}$/, 'a run id such as run-20261124T050000Z-abc123'),
});

/** POST /api/detect: the settings of the run (bounds in contracts/detection-settings.ts). */
export const DetectBody = TunableSettings.default({});
