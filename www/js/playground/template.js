// The markup of the playground view. Each card has data-part=NAME so that
// `embed=boundary,network` can show only the named parts inside an iframe.

const ICON_PLAY = '<svg class="icon icon-play" viewBox="0 0 16 16" aria-hidden="true"><path d="M4 2.5v11l9-5.5z"/></svg><svg class="icon icon-pause" viewBox="0 0 16 16" aria-hidden="true"><path d="M3.5 2.5h3v11h-3zM9.5 2.5h3v11h-3z"/></svg>';

export const TEMPLATE = `
<header class="page-header view-header pg-title" data-part="title">
  <p class="eyebrow">Multilayer perceptrons · playground</p>
  <h1>Train a network on 2-D data</h1>
  <p class="lede">Pick a data set and the features, shape the hidden layers, press play, and watch every neuron's output change. Click or tap the plane to add points.</p>
</header>
<section class="card pg-bar" data-part="controls" aria-label="Training controls">
  <div class="buttons">
    <button type="button" id="pg-reset" class="btn" title="New network from the seed (same seed, same run)">Reset</button>
    <button type="button" id="pg-play" class="btn btn-primary">${ICON_PLAY}<span class="btn-text">Play</span></button>
    <button type="button" id="pg-step" class="btn" title="Train one epoch">Step</button>
  </div>
  <dl class="pg-counters">
    <div><dt>Epoch</dt><dd id="pg-epoch">0</dd></div>
    <div><dt>Updates</dt><dd id="pg-updates">0</dd></div>
  </dl>
  <div class="pg-hyper">
    <div class="field"><label for="pg-speed">Speed</label><select id="pg-speed">
      <option value="1">1 epoch/frame</option><option value="10">10 epochs/frame</option><option value="max">max (8 ms/frame)</option></select></div>
    <div class="field"><label for="pg-lr">Learning rate</label><select id="pg-lr"></select></div>
    <div class="field"><label for="pg-batch">Batch size</label><input id="pg-batch" type="number" min="1" max="500" step="1" inputmode="numeric"></div>
    <div class="field"><label for="pg-opt">Optimizer</label><select id="pg-opt"><option value="sgd">SGD</option><option value="momentum">Momentum</option><option value="adam">Adam</option></select></div>
    <div class="field"><label for="pg-reg">Regularization</label><select id="pg-reg"><option value="none">None</option><option value="l1">L1</option><option value="l2">L2</option></select></div>
    <div class="field"><label for="pg-lambda">Lambda λ</label><input id="pg-lambda" type="number" min="0" max="10" step="0.0001" inputmode="decimal"></div>
    <div class="field"><label for="pg-loss">Loss</label><select id="pg-loss"></select></div>
  </div>
  <p id="pg-loss-note" class="pg-note" hidden></p>
</section>
<div id="status" class="status pg-status" role="status" aria-live="polite"></div>
<div id="message" class="message" role="alert" hidden></div>
<div id="pg-diverged" class="message pg-diverged" role="alert" hidden>
  <p><strong>Training stopped: the loss diverged.</strong> <span id="pg-diverged-text"></span></p>
  <button type="button" id="pg-diverged-reset" class="btn btn-primary">Reset the network</button>
</div>
<div class="pg-layout">
  <section class="card pg-data" data-part="data" aria-labelledby="pg-data-title">
    <h2 id="pg-data-title">Data</h2>
    <div class="field"><label for="pg-data">Data set</label><select id="pg-data"></select></div>
    <div class="field"><label for="pg-noise">Noise <output id="pg-noise-out"></output></label><input id="pg-noise" type="range" min="0" max="0.5" step="0.05"></div>
    <div class="field"><label for="pg-ratio">Training share <output id="pg-ratio-out"></output></label><input id="pg-ratio" type="range" min="10" max="90" step="10"></div>
    <div class="field"><label for="pg-points">Points <output id="pg-points-out"></output></label><input id="pg-points" type="range" min="50" max="1000" step="50"></div>
    <div class="field"><label for="pg-seed">Seed</label><input id="pg-seed" type="number" min="0" max="4294967295" step="1" inputmode="numeric"></div>
    <fieldset class="pg-classes">
      <legend>Click or tap the plane to add</legend>
      <div id="pg-add-class" class="segmented"></div>
      <button type="button" id="pg-clear-points" class="btn btn-small">Remove added points</button>
    </fieldset>
    <div class="field">
      <label for="pg-csv">Load points (CSV: x1,x2,label)</label>
      <input id="pg-csv" type="file" accept=".csv,text/csv,text/plain">
    </div>
    <div id="pg-csv-error" class="message" role="alert" hidden></div>
    <p id="pg-data-summary" class="card-note"></p>
  </section>

  <section class="card pg-network" data-part="network" aria-labelledby="pg-net-title">
    <div class="card-head"><h2 id="pg-net-title">Network</h2>
      <p class="card-note">Edges: <span class="key key-pos">blue +</span> <span class="key key-neg">orange −</span>, thicker = larger |w|. Hover or tap an edge or a bias tab for its value and gradient; click a neuron to see it large.</p></div>
    <div id="pg-diagram" class="pg-diagram"></div>
  </section>

  <section class="card pg-output" data-part="boundary" aria-labelledby="pg-out-title">
    <div class="card-head"><h2 id="pg-out-title">Output</h2><button type="button" id="pg-unfocus" class="btn btn-small" hidden>Show the output</button></div>
    <div class="plot-frame pg-plane-frame">
      <canvas id="pg-plane" class="plot square pg-plane" role="img" aria-label="The network's output over the input plane"></canvas>
    </div>
    <div class="pg-toggles">
      <label><input id="pg-test" type="checkbox"> Show test points</label>
      <label><input id="pg-discrete" type="checkbox"> Discretize output</label>
    </div>
    <ul id="pg-legend" class="legend" aria-label="Legend"></ul>
  </section>

  <section class="card pg-curves" data-part="curves" aria-labelledby="pg-curves-title">
    <h2 id="pg-curves-title">Loss and accuracy</h2>
    <dl class="stats pg-numbers">
      <div><dt>Train loss</dt><dd id="pg-train-loss">–</dd></div>
      <div><dt>Test loss</dt><dd id="pg-test-loss">–</dd></div>
      <div class="pg-acc"><dt>Train accuracy</dt><dd id="pg-train-acc">–</dd></div>
      <div class="pg-acc"><dt>Test accuracy</dt><dd id="pg-test-acc">–</dd></div>
    </dl>
    <p class="card-note"><span class="key key-train">— train</span> <span class="key key-test">- - test</span>, per epoch</p>
    <canvas id="pg-loss-chart" class="plot pg-chart" role="img" aria-label="Train and test loss per epoch"></canvas>
    <canvas id="pg-acc-chart" class="plot pg-chart pg-acc" role="img" aria-label="Train and test accuracy per epoch"></canvas>
  </section>

  <section class="card pg-stats" data-part="stats" aria-labelledby="pg-stats-title">
    <h2 id="pg-stats-title">Size and files</h2>
    <dl class="stats">
      <div><dt>Neurons</dt><dd id="pg-neurons">–</dd></div>
      <div><dt>Weights</dt><dd id="pg-weights">–</dd></div>
      <div><dt>Biases</dt><dd id="pg-biases">–</dd></div>
      <div><dt>Parameters</dt><dd id="pg-params">–</dd></div>
    </dl>
    <p id="pg-dead" class="card-note"></p>
    <div class="buttons">
      <button type="button" id="pg-save-st" class="btn btn-small">Save .safetensors</button>
      <button type="button" id="pg-save-json" class="btn btn-small">Save .json</button>
    </div>
    <div class="field">
      <label for="pg-load">Load a network (.safetensors or .json, or drop it on the page)</label>
      <input id="pg-load" type="file" accept=".safetensors,.json,application/json,application/octet-stream">
    </div>
    <div id="pg-load-error" class="message" role="alert" hidden></div>
  </section>
</div>
`;
