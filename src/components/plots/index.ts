// Public API of the plot components used by the live labs.
export type { Series, CurveSeries, DepthGroup, YScaleKind } from './types';
export { PLOT_COLORS, PLOT_FONT } from './geometry/colors';
export {
  formatValue,
  formatDecade,
  summariseRatio,
  ZERO_TEXT,
  NON_FINITE_TEXT,
  type RatioSummary,
  type FormatOptions,
} from './geometry/format';
export { logDomain, decadeTicks, linearDomain, classifyForLog } from './geometry/scales';
export { PlotFrame, type PlotFrameProps } from './parts/PlotFrame';
export { DataTable, type DataTableProps } from './parts/DataTable';
export { serializeSvg, buildExportSvg, downloadBlob, type RasterLayer } from './parts/exporting';
export { exportPng, paintSvg } from './parts/paintSvg';
export { LayerProfilePlot, type LayerProfilePlotProps } from './LayerProfilePlot';
export { CurvePlot, type CurvePlotProps } from './CurvePlot';
export { DepthPlot, type DepthPlotProps } from './DepthPlot';
export { PanelPlot, type PanelPlotProps } from './PanelPlot';
export type { CurvePanel } from './geometry/panelGeometry';
export { GradientHeatmap, type GradientHeatmapProps } from './GradientHeatmap';
export { heatmapScale, heatmapPixels, type HeatmapScale } from './geometry/heatmapColor';
export { DecisionBoundary, type DecisionBoundaryProps } from './DecisionBoundary';
export { LandscapePlot, type LandscapePlotProps } from './LandscapePlot';
export { contourLevels } from './geometry/landscapeModel';
export { boundaryColor } from './geometry/boundaryModel';
