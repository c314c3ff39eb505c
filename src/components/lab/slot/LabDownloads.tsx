/**
 * What a reader can take away from a lab: its history (CSV, JSON), each network as a PyTorch
 * script that trains it exactly as here, at any scale, and a shareable link.
 */
import type { PresetId } from '../../../model/labs/presets';
import type { LabState } from '../../../state/labPresets';
import { downloadText, historyCsv, historyJson } from '../page/exportRun';
import { downloadPytorchScript } from '../page/pytorchDownload';
import type { RunHistory } from '../run/runHistory';
import { ShareLink } from '../ShareLink';

export function LabDownloads({
  preset,
  state,
  history: h,
}: {
  preset: PresetId;
  state: LabState;
  history: RunHistory;
}) {
  return (
    <div className="lab-share">
      <button
        type="button"
        onClick={() => downloadText(historyCsv(h), `residual-${preset}.csv`, 'text/csv')}
      >
        Download history (CSV)
      </button>
      <button
        type="button"
        onClick={() =>
          downloadText(historyJson(h, state.nets), `residual-${preset}.json`, 'application/json')
        }
      >
        Download history (JSON)
      </button>
      {state.nets.map((net, i) => {
        const which = i === 0 ? 'A' : 'B';
        return (
          <button
            key={`pytorch${which}`}
            type="button"
            onClick={() => void downloadPytorchScript(net, preset, which)}
          >
            Download PyTorch script{state.nets.length > 1 ? ` (${which})` : ''}
          </button>
        );
      })}
      <ShareLink state={state} />
    </div>
  );
}
