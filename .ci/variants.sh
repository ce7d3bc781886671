#!/usr/bin/env bash
# Sourced, not run: builds "tasks 1..N-1 solved" variants of a step, for .ci/task-by-task (which
# proves each task red until it is done) and .ci/loop-bench (which times the learner's loop in
# each of those states). The caller sets $scratch, an empty folder, and runs from the root.
#
# "Tasks 1..N-1 solved" is built, not written by hand: each difference (diff -U0 hunk) between
# a starter file and its solution file belongs to the one task whose "TODO k" its starter side
# carries; the variant for task N takes the solution's side of every hunk with k < N and the
# starter's side of the rest. A hunk with no task number, or with two, is a defect (a hunk of
# only import lines and blank lines is neither: the variant keeps both sides' imports).

# Copies one starter file into the variant, taking the solution's side of each hunk whose
# task number is below $2. Prints "HUNK<TAB>file:line<TAB>numbers" for every hunk with no
# task number or with more than one, and treats such a hunk as its lowest task's (or, with
# none, keeps the starter's side).
merge() { # starter solution below-task out
  local starter=$1 solution=$2 below=$3 out=$4
  { diff -U0 "$starter" "$solution" || true; } | awk -v starter="$starter" -v below="$below" -v out="$out" -v name="$5" '
    function flush(   i, k, n, numbers, lowest, imports_only, line) {
      if (!inhunk) return
      n = 0; lowest = 0; numbers = ""; imports_only = 1
      for (i = 1; i <= nminus; i++) {
        line = minus[i]
        while (match(line, /TODO [0-9]+/)) {
          k = substr(line, RSTART + 5, RLENGTH - 5) + 0
          if (!(k in seen)) { seen[k] = 1; n++; numbers = numbers (numbers == "" ? "" : ",") k; if (lowest == 0 || k < lowest) lowest = k }
          line = substr(line, RSTART + RLENGTH)
        }
      }
      for (i = 1; i <= nminus; i++) if (minus[i] !~ /^[ \t]*(import [^;]+;)?[ \t]*$/) imports_only = 0
      for (i = 1; i <= nplus; i++) if (plus[i] !~ /^[ \t]*(import [^;]+;)?[ \t]*$/) imports_only = 0
      for (k in seen) delete seen[k]
      if (n != 1 && !imports_only) printf "HUNK\t%s:%d\t%s\n", name, (count == 0 ? start + 1 : start), (n == 0 ? "none" : numbers)
      # mode: 0 keep starter, 1 take solution, 2 both (imports)
      hstart[++h] = start; hcount[h] = count
      hmode[h] = imports_only && n == 0 ? 2 : (n > 0 && lowest < below) ? 1 : 0
      hplus[h] = ""
      for (i = 1; i <= nplus; i++) hplus[h] = hplus[h] plus[i] "\n"
      inhunk = 0
    }
    !begun && /^(---|\+\+\+) / { next }
    /^\\/ { next }
    /^@@/ {
      flush(); begun = 1; inhunk = 1; nminus = 0; nplus = 0
      split($2, a, ","); start = substr(a[1], 2) + 0; count = (2 in a) ? a[2] + 0 : 1
      next
    }
    /^-/ { minus[++nminus] = substr($0, 2); next }
    /^\+/ { plus[++nplus] = substr($0, 2); next }
    function insertions_after(i) {
      # A hunk with no starter lines at line i inserts after line i (i = 0: before the first).
      while (j <= h && hcount[j] == 0 && hstart[j] == i) { if (hmode[j] >= 1) printf "%s", hplus[j] > out; j++ }
    }
    END {
      flush()
      nlines = 0
      while ((getline line < starter) > 0) lines[++nlines] = line
      printf "" > out
      j = 1; i = 1
      insertions_after(0)
      while (i <= nlines) {
        if (j <= h && hcount[j] > 0 && hstart[j] == i) {
          if (hmode[j] != 1) for (m = i; m < i + hcount[j]; m++) print lines[m] > out
          if (hmode[j] >= 1) printf "%s", hplus[j] > out
          i += hcount[j]; j++
        } else {
          print lines[i] > out; i++
        }
        insertions_after(i - 1)
      }
    }'
}

# Makes $scratch/<step>/src/main the variant of $step for task $2; prints the HUNK lines.
build_variant() { # step task
  local step=$1 task=$2 kind file
  rm -rf "$scratch/$step/src/main"
  for kind in java resources; do
    [[ -d "$step/src/main/$kind" ]] || continue
    while IFS= read -r file; do
      mkdir -p "$(dirname "$scratch/$step/src/main/$kind/$file")"
      if [[ -f "$step/src/solution/$kind/$file" ]] && grep -Iq . "$step/src/main/$kind/$file"; then
        merge "$step/src/main/$kind/$file" "$step/src/solution/$kind/$file" "$task" \
          "$scratch/$step/src/main/$kind/$file" "$step/src/main/$kind/$file"
      else
        cp "$step/src/main/$kind/$file" "$scratch/$step/src/main/$kind/$file"
      fi
    done < <(cd "$step/src/main/$kind" && find . -type f | sed 's|^\./||' | sort)
  done
}

# The repository without its build output, for the reactor: root pom, wrapper, test-support, the
# chat core (given code of the chat steps and the game), the checks steps 2 and 3 put in front of
# Java-WebSocket, and every module's pom (the root pom lists them all).
prepare_scratch() {
  cp pom.xml mvnw "$scratch/"
  cp -r .mvn test-support chat-core strict-java-websocket "$scratch/"
  local pom
  for pom in */pom.xml; do mkdir -p "$scratch/$(dirname "$pom")"; cp "$pom" "$scratch/$pom"; done
}

# Copies a step's folders but src/main (given code, solution, tests) into the scratch copy.
prepare_step() { # step
  local step=$1 dir
  rm -rf "${scratch:?}/$step/src"
  mkdir -p "$scratch/$step/src"
  for dir in "$step"/src/*/; do
    [[ "$(basename "$dir")" == main ]] || cp -r "$dir" "$scratch/$step/src/"
  done
}

# The task numbers of a step, from the TODOs of its starter, in order.
step_tasks() { # step
  grep -rhoE 'TODO [0-9]+' "$1/src/main" | awk '{print $2}' | sort -un
}
