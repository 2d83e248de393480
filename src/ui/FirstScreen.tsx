// What a Go engineer meets with nothing loaded: one big drop zone, how to take the profiles, an
// example to try, and the promise that nothing leaves this tab.
import { useAppStore, type AppState } from '../store/index.ts';
import { CopyableCommand } from './CopyableCommand.tsx';
import { openFilePicker } from './FileInput.tsx';
import { SlotList } from './SlotList.tsx';
import { firstScreenSlots } from './slots.ts';

const selectLoadExample = (s: AppState) => s.loadExample;

const HEAP_COMMANDS = [
  'curl -o heap1.pb.gz http://localhost:6060/debug/pprof/heap',
  'sleep 300',
  'curl -o heap2.pb.gz http://localhost:6060/debug/pprof/heap',
];
const GOROUTINE_COMMANDS = [
  'curl -o goroutine1.pb.gz http://localhost:6060/debug/pprof/goroutine',
  'curl -o goroutine2.txt "http://localhost:6060/debug/pprof/goroutine?debug=2"',
];

export function FirstScreen() {
  const loadExample = useAppStore(selectLoadExample);
  return (
    <div className="first-screen">
      <section className="drop-zone" data-testid="drop-zone">
        <h1>Drop two or more heap or goroutine profiles taken minutes apart</h1>
        <p>
          Leakscope diffs them and shows where memory or goroutines grew, in red.
        </p>
        <div className="drop-zone-actions">
          <button type="button" className="primary" onClick={openFilePicker}>
            Choose files…
          </button>
          <button type="button" data-testid="try-example" onClick={() => void loadExample()}>
            Try an example
          </button>
        </div>
        <p className="privacy">Profiles are never uploaded: everything happens in this tab.</p>
      </section>
      <section className="how-to">
        <h2>How to take them</h2>
        <p>From a Go service that imports <code>net/http/pprof</code>:</p>
        {HEAP_COMMANDS.map((c) => (
          <CopyableCommand key={c} command={c} />
        ))}
        <p>Goroutine leaks: the goroutine profile, also as a full dump with <code>?debug=2</code>.</p>
        {GOROUTINE_COMMANDS.map((c) => (
          <CopyableCommand key={c} command={c} />
        ))}
        <SlotList slots={firstScreenSlots} />
      </section>
    </div>
  );
}
