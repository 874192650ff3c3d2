const path = require('path');
const { task, src, dest, parallel } = require('gulp');

// Icons live once in icons/ and are copied next to every built node and credential.
function copyIcons() {
	return src('icons/*.{png,svg}', { encoding: false }).pipe(dest(path.resolve('dist', 'icons')));
}

function copyCodex() {
	return src('nodes/**/*.node.json').pipe(dest(path.resolve('dist', 'nodes')));
}

task('build:icons', parallel(copyIcons, copyCodex));
