// The list's columns, shared by the header and every row so they line up without a <table>.
// Which columns show depends on the list's own width (a container query), not the window's:
// with a store page open beside it, a 900-pixel window leaves the list about 450 pixels.
import type { SortKey } from './list-model';

export type ColumnId =
  | 'select'
  | 'name'
  | 'status'
  | 'progress'
  | 'elapsed'
  | 'toReady'
  | 'kind'
  | 'version'
  | 'created'
  | 'resources'
  | 'address';

export interface Column {
  id: ColumnId;
  label: string;
  /** set when the header sorts by this column */
  sort?: SortKey;
  right?: boolean;
  /** the classes that hide the column where the list is too narrow for it */
  show: string;
}

// Narrow: select, name, status, progress. From 42rem: elapsed and address. From 64rem: time to
// Ready, created and resources. From 72rem: kind and version. Hidden cells take no grid track, so each
// template lists only the columns shown at its width, in the same order as the cells.
export const STORE_GRID =
  'grid h-row items-center ' +
  'grid-cols-[2rem_minmax(6rem,1fr)_7.5rem_minmax(0,1fr)] ' +
  '@2xl:grid-cols-[2rem_minmax(8rem,1.3fr)_8rem_minmax(6rem,1fr)_5rem_minmax(8rem,1.3fr)] ' +
  '@5xl:grid-cols-[2rem_minmax(8rem,1.3fr)_8rem_minmax(7rem,1fr)_5rem_6rem_11.5rem_10rem_minmax(9rem,1.3fr)] ' +
  '@6xl:grid-cols-[2rem_minmax(10rem,1.5fr)_8rem_minmax(8rem,1fr)_5rem_6rem_8rem_5.5rem_11.5rem_10rem_minmax(10rem,1.5fr)]';

const ALWAYS = 'block';
const MEDIUM = 'hidden @2xl:block';
const WIDE = 'hidden @5xl:block';
const WIDEST = 'hidden @6xl:block';

export const COLUMNS: readonly Column[] = [
  { id: 'select', label: 'Select', show: ALWAYS },
  { id: 'name', label: 'Name', sort: 'name', show: ALWAYS },
  { id: 'status', label: 'Status', sort: 'status', show: ALWAYS },
  { id: 'progress', label: 'Progress', show: ALWAYS },
  { id: 'elapsed', label: 'In status', right: true, show: MEDIUM },
  { id: 'toReady', label: 'To Ready', right: true, show: WIDE },
  { id: 'kind', label: 'Kind', show: WIDEST },
  { id: 'version', label: 'Version', show: WIDEST },
  { id: 'created', label: 'Created', sort: 'created', show: WIDE },
  { id: 'resources', label: 'Resources', show: WIDE },
  { id: 'address', label: 'Address', show: MEDIUM },
];

export const SHOW: Record<ColumnId, string> = Object.fromEntries(
  COLUMNS.map((c) => [c.id, c.show]),
) as Record<ColumnId, string>;
