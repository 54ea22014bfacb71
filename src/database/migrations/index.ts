import { InitialSchema1764032400000 } from './1764032400000-InitialSchema';

/** Every migration, in order. A new schema change is a new file here (never edit a committed one). */
export const MIGRATIONS = [InitialSchema1764032400000];
