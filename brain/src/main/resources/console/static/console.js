// The console's behaviour: confirmations, live job output, history charts.
// Node-supplied text only ever goes into textContent, never into HTML.
(function () {
	'use strict';

	function confirmations() {
		document.querySelectorAll('form.confirm').forEach(function (form) {
			form.addEventListener('submit', function (event) {
				if (!window.confirm(form.dataset.confirm)) {
					event.preventDefault();
				}
			});
		});
	}

	function resultCard(name) {
		var results = document.getElementById('results');
		var card = Array.prototype.find.call(results.querySelectorAll('article.result'), function (element) {
			return element.dataset.node === name;
		});
		if (!card) {
			card = document.createElement('article');
			card.className = 'card result';
			card.dataset.node = name;
			var header = document.createElement('header');
			var bold = document.createElement('b');
			bold.className = 'node';
			bold.textContent = name;
			var state = document.createElement('span');
			state.className = 'pill result-state';
			var exit = document.createElement('span');
			exit.className = 'exit';
			header.append(bold, ' ', state, ' ', exit);
			var output = document.createElement('pre');
			output.className = 'output';
			card.append(header, output);
			results.append(card);
		}
		return card;
	}

	function part(card, selector, tag, className) {
		var element = card.querySelector(selector);
		if (!element) {
			element = document.createElement(tag);
			element.className = className;
			card.append(element);
		}
		return element;
	}

	function showResult(result) {
		var card = resultCard(result.name);
		card.querySelector('.result-state').textContent = result.state;
		card.querySelector('.exit').textContent = (result.exit_code != null) ? 'exit ' + result.exit_code : '';
		if (result.output) {
			card.querySelector('.output').textContent = result.output;
		}
		if (result.stderr) {
			part(card, 'pre.stderr', 'pre', 'stderr').textContent = result.stderr;
		}
		if (result.error) {
			part(card, 'p.error', 'p', 'error').textContent = result.error;
		}
	}

	function followJob() {
		var job = document.getElementById('job');
		if (!job || !job.dataset.events) {
			return;
		}
		var source = new EventSource(job.dataset.events);
		source.addEventListener('node', function (event) {
			showResult(JSON.parse(event.data));
		});
		source.addEventListener('output', function (event) {
			var chunk = JSON.parse(event.data);
			var card = resultCard(chunk.name);
			var target = (chunk.stream === 'stderr') ? part(card, 'pre.stderr', 'pre', 'stderr')
				: card.querySelector('.output');
			target.textContent += chunk.data;
		});
		source.addEventListener('done', function (event) {
			var done = JSON.parse(event.data);
			done.results.forEach(showResult);
			document.getElementById('job-state').textContent = done.state.toLowerCase();
			var cancel = document.getElementById('cancel-form');
			if (cancel) {
				cancel.remove();
			}
			job.dataset.done = 'true';
			source.close();
		});
	}

	function drawCharts(range) {
		var charts = document.getElementById('charts');
		if (!charts || typeof uPlot === 'undefined') {
			return;
		}
		fetch(charts.dataset.history + '?range=' + encodeURIComponent(range), { credentials: 'same-origin' })
			.then(function (response) {
				return response.json();
			})
			.then(function (history) {
				var times = history.points.map(function (point) {
					return Date.parse(point.at) / 1000;
				});
				charts.querySelectorAll('figure.chart').forEach(function (figure) {
					var values = history.points.map(function (point) {
						return point[figure.dataset.series];
					});
					figure.querySelectorAll('.uplot').forEach(function (old) {
						old.remove();
					});
					var width = Math.max(260, Math.min(figure.clientWidth || 480, 720));
					new uPlot({
						width: width,
						height: 160,
						legend: { show: false },
						series: [ {}, { label: figure.dataset.label, stroke: 'rgb(56, 132, 255)', width: 2,
							fill: 'rgba(56, 132, 255, 0.12)' } ],
						axes: [ { stroke: 'currentColor' }, { stroke: 'currentColor' } ]
					}, [ times, values ], figure);
					figure.dataset.points = String(times.length);
				});
				charts.dataset.range = range;
			});
	}

	function charts() {
		var ranges = document.querySelectorAll('#ranges button.range');
		ranges.forEach(function (button) {
			button.addEventListener('click', function () {
				ranges.forEach(function (other) {
					other.classList.toggle('active', other === button);
				});
				drawCharts(button.dataset.range);
			});
		});
		drawCharts('1h');
	}

	document.addEventListener('DOMContentLoaded', function () {
		confirmations();
		followJob();
		charts();
	});
})();
