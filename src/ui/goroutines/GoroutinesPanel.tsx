// The "Goroutines" tab: goroutines grouped by what they wait for and where they were started, base →
// new counts, the longest wait (debug=2), and — with heap profiles of the same moments — the heap
// growth those goroutines explain. Growing blocked groups link to the goroutine-leak explanation.
import { useState } from 'react';
import type { GoroutineGroup } from '../../goroutines/groups.ts';
import { formatCount, formatSignedDelta } from '../../profile/units.ts';
import { useAppStore } from '../../store/index.ts';
import { PatternLink } from '../patterns/PatternLinks.tsx';
import { Sparkline } from '../trend/Sparkline.tsx';
import { selectGoroutineView, type GoroutineView } from './goroutineModel.ts';
import './goroutines.css';

const GROUPS_SHOWN = 60;

export function GoroutinesPanel() {
  const view = useAppStore(selectGoroutineView);
  if (view.error) return <div className="empty" role="alert">{view.error}</div>;
  if (!view.grouped) return <div className="empty">Load goroutine profiles (protobuf, ?debug=1 or ?debug=2) to see what goroutines wait for.</div>;
  const { grouped, baseIndex, newIndex } = view;
  const single = baseIndex === newIndex;
  const base = grouped.snapshots[baseIndex];
  const next = grouped.snapshots[newIndex];
  return (
    <div className="goroutines-panel" data-testid="goroutines">
      <p className="goroutines-summary">
        {single ? (
          <>
            <strong>{formatCount(next.total)}</strong> goroutines in {next.fileName}
          </>
        ) : (
          <>
            Goroutines {base.fileName} → {next.fileName}: {formatCount(base.total)} → <strong>{formatCount(next.total)}</strong>{' '}
            <span className={next.total > base.total ? 'grew' : next.total < base.total ? 'shrank' : 'muted'}>({formatSignedDelta(next.total - base.total, 'count')})</span>
          </>
        )}
      </p>
      <StateBar view={view} />
      {view.heapLink && <HeapCrossReference view={view} />}
      {grouped.notes.map((note) => (
        <p key={note} className="goroutines-note">
          {note}
        </p>
      ))}
      <ul className="goroutine-groups">
        {grouped.groups.slice(0, GROUPS_SHOWN).map((g) => (
          <GroupItem key={g.key} group={g} baseIndex={baseIndex} newIndex={newIndex} snapshots={grouped.snapshots.length} />
        ))}
      </ul>
      {grouped.groups.length > GROUPS_SHOWN && <p className="muted">… {grouped.groups.length - GROUPS_SHOWN} smaller groups</p>}
    </div>
  );
}

function StateBar({ view }: { readonly view: GoroutineView }) {
  const { grouped, baseIndex, newIndex } = view;
  if (!grouped) return null;
  return (
    <ul className="goroutine-states" aria-label="Goroutines by wait state">
      {grouped.byState.map((s) => {
        const delta = s.counts[newIndex] - s.counts[baseIndex];
        return (
          <li key={s.state} data-testid="goroutine-state" data-state={s.state} data-count-base={s.counts[baseIndex]} data-count-new={s.counts[newIndex]}>
            <span className="state-name">{s.state}</span> {formatCount(s.counts[newIndex])}
            {baseIndex !== newIndex && delta !== 0 && <span className={delta > 0 ? 'grew' : 'shrank'}> {formatSignedDelta(delta, 'count')}</span>}
          </li>
        );
      })}
    </ul>
  );
}

function GroupItem({ group, baseIndex, newIndex, snapshots }: { readonly group: GoroutineGroup; readonly baseIndex: number; readonly newIndex: number; readonly snapshots: number }) {
  const [open, setOpen] = useState(false);
  const countBase = group.counts[baseIndex];
  const countNew = group.counts[newIndex];
  const delta = countNew - countBase;
  const wait = group.longestWaitMinutes[newIndex];
  const leaking = group.blocked && delta > 0;
  const creator = group.createdBy.length > 0 ? group.createdBy.join(', ') : null;
  return (
    <li
      className={`goroutine-group${leaking ? ' goroutine-group-leaking' : ''}`}
      data-testid="goroutine-group"
      data-state={group.state}
      data-count-base={countBase}
      data-count-new={countNew}
      data-entry={group.entry}
      data-creator={creator ?? ''}
    >
      <div className="goroutine-group-head">
        <span className={`state-badge${group.blocked ? ' state-blocked' : ''}`}>{group.state}</span>
        <span className="goroutine-counts">
          {baseIndex !== newIndex ? `${formatCount(countBase)} → ` : ''}
          <strong>{formatCount(countNew)}</strong>
          {baseIndex !== newIndex && <span className={delta > 0 ? 'grew' : delta < 0 ? 'shrank' : 'muted'}> ({formatSignedDelta(delta, 'count')})</span>}
        </span>
        {snapshots >= 3 && <Sparkline values={group.counts} baseIndex={baseIndex} targetIndex={newIndex} monotonic={group.counts.every((c, i) => i === 0 || c > group.counts[i - 1])} />}
      </div>
      <div className="goroutine-group-body">
        <div>
          <span className="muted">runs </span>
          <code>
            <bdi>{group.entry}</bdi>
          </code>
          {group.blockedIn !== group.entry && (
            <>
              <span className="muted">, blocked in </span>
              <code>
                <bdi>{group.blockedIn}</bdi>
              </code>
            </>
          )}
        </div>
        <div data-testid="goroutine-creator">
          <span className="muted">created by </span>
          {creator ? (
            <code>
              <bdi>{creator}</bdi>
            </code>
          ) : (
            <span className="muted">unknown (only ?debug=2 dumps record it)</span>
          )}
          {group.createdByInferred && <span className="muted"> (inferred from the closure name)</span>}
          {group.createdAt && <span className="muted"> at {group.createdAt}</span>}
        </div>
        <div data-testid="goroutine-wait">
          <span className="muted">longest wait: </span>
          {wait === null ? <span className="muted">not recorded (?debug=2 dumps show it)</span> : wait === 0 ? 'under a minute' : `${formatCount(wait)} minute${wait === 1 ? '' : 's'}`}
        </div>
        {leaking && (
          <div>
            <PatternLink id="goroutine-leak">Why it leaks: goroutines blocked forever</PatternLink>
          </div>
        )}
        <button type="button" className="link" onClick={() => setOpen(!open)} aria-expanded={open}>
          {open ? 'hide' : 'show'} {group.stacks.length} stack{group.stacks.length === 1 ? '' : 's'}
        </button>
        {open && (
          <ol className="goroutine-stacks">
            {group.stacks.map((s, i) => (
              <li key={i}>
                <span className="muted">{formatCount(s.counts[newIndex])} ×</span>
                <pre>
{/* leaf first, as Go prints goroutine stacks */}
                  {[...s.frames].reverse().join('\n')}
                </pre>
              </li>
            ))}
          </ol>
        )}
      </div>
    </li>
  );
}

function HeapCrossReference({ view }: { readonly view: GoroutineView }) {
  const link = view.heapLink!;
  return (
    <div className="goroutine-heap-link" data-testid="goroutine-heap-link">
      <div className="muted">
        Heap {link.heapBase} → {link.heapNew} beside goroutines {link.goroutineBase} → {link.goroutineNew}
      </div>
      <p>{link.summary}</p>
      <table>
        <thead>
          <tr>
            <th>heap growth</th>
            <th>function</th>
            <th>goroutines</th>
          </tr>
        </thead>
        <tbody>
          <tr data-testid="heap-link-row" data-function="runtime.malg">
            <td className={link.malgNew > link.malgBase ? 'grew' : 'muted'}>{formatSignedDelta(link.malgNew - link.malgBase, 'bytes')}</td>
            <td>
              <code>runtime.malg</code> <span className="muted">(goroutine descriptors)</span>
            </td>
            <td className={link.goroutineDelta > 0 ? 'grew' : 'muted'}>{formatSignedDelta(link.goroutineDelta, 'count')} in all</td>
          </tr>
          {link.related.slice(0, 8).map((r) => (
            <tr key={r.function} data-testid="heap-link-row" data-function={r.function}>
              <td className="grew">{formatSignedDelta(r.heapDelta, 'bytes')}</td>
              <td>
                <code>
                  <bdi>{r.function}</bdi>
                </code>
              </td>
              <td>
                {r.group.group.state}: {formatSignedDelta(r.group.delta, 'count')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">Heap held by these functions stays alive as long as the goroutines they started stay blocked.</p>
    </div>
  );
}
