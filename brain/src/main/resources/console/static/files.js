// The files page: the chosen file's bytes go to the brain by XHR (for its progress
// events), then the upload job starts and the page follows it.
(function () {
	'use strict';

	function post(url, body, token, type, onProgress) {
		return new Promise(function (resolve, reject) {
			var xhr = new XMLHttpRequest();
			xhr.open('POST', url);
			xhr.setRequestHeader('X-CSRF-TOKEN', token);
			xhr.setRequestHeader('Content-Type', type);
			xhr.setRequestHeader('Accept', 'application/json');
			if (onProgress) {
				xhr.upload.addEventListener('progress', onProgress);
			}
			xhr.addEventListener('load', function () {
				if (xhr.status >= 200 && xhr.status < 300) {
					resolve(JSON.parse(xhr.responseText));
				}
				else {
					reject(new Error('HTTP ' + xhr.status));
				}
			});
			xhr.addEventListener('error', function () {
				reject(new Error('the connection failed'));
			});
			xhr.send(body);
		});
	}

	function start(form) {
		var file = document.getElementById('upload-file').files[0];
		var progress = document.getElementById('upload-progress');
		var status = document.getElementById('upload-status');
		var token = form.querySelector('input[name="_csrf"]').value;
		document.getElementById('upload-submit').disabled = true;
		status.textContent = 'Sending ' + file.name + '…';
		post(form.dataset.blobs, file, token, 'application/octet-stream', function (event) {
			if (event.lengthComputable) {
				progress.value = Math.round(100 * event.loaded / event.total);
			}
		}).then(function (blob) {
			progress.value = 100;
			form.elements.sha256.value = blob.sha256;
			form.elements.name.value = file.name;
			var fields = new URLSearchParams(new FormData(form)).toString();
			return post(form.action, fields, token, 'application/x-www-form-urlencoded');
		}).then(function (job) {
			window.location.assign(form.dataset.jobs + encodeURIComponent(job.id));
		}).catch(function (error) {
			status.textContent = 'Failed: ' + error.message;
			document.getElementById('upload-submit').disabled = false;
		});
	}

	document.addEventListener('DOMContentLoaded', function () {
		var form = document.getElementById('upload-form');
		if (form) {
			form.addEventListener('submit', function (event) {
				event.preventDefault();
				start(form);
			});
		}
	});
})();
