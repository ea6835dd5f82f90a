import csv

path = "/tmp/gradstep_mod_csv_test.csv"
with open(path, "w", newline="") as f:
    writer = csv.writer(f)
    writer.writerow(["epoch", "loss", "note"])
    writer.writerow([1, 0.5, "first, with comma"])
    writer.writerow([2, 0.25, 'say "hi"'])
    writer.writerows([[3, 0.125, "multi\nline"], [4, None, ""]])
    writer.writerow([""])

with open(path) as f:
    print(repr(f.read()))

with open(path, newline="") as f:
    reader = csv.reader(f)
    for row in reader:
        print(reader.line_num, row)

with open(path, "w", newline="") as f:
    w = csv.writer(f, quoting=csv.QUOTE_NONNUMERIC)
    w.writerow(["a", 1, 2.5, None])
    w = csv.writer(f, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\n")
    w.writerow(["x", 3])
with open(path) as f:
    print(repr(f.read()))

print(list(csv.reader(["a,b,c", " d, e ,f", '"g,h",i']))) 
print(list(csv.reader(["a; b;c"], delimiter=";", skipinitialspace=True)))
print(csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC, csv.QUOTE_NONE)
try:
    with open(path, "w", newline="") as f:
        csv.writer(f, quoting=csv.QUOTE_NONE).writerow(["a,b"])
except csv.Error as e:
    print("csv.Error:", e)

with open(path, "w", newline="") as f:
    dw = csv.DictWriter(f, fieldnames=["name", "score"])
    dw.writeheader()
    dw.writerow({"name": "Ann", "score": 9.5})
    dw.writerows([{"name": "Bob"}, {"score": 7, "name": "Cy, Jr."}])
with open(path, newline="") as f:
    dr = csv.DictReader(f)
    print(dr.fieldnames)
    for record in dr:
        print(dr.line_num, record)
with open(path, newline="") as f:
    rows = list(csv.DictReader(f, fieldnames=["a"], restkey="rest"))
    print(rows)
try:
    with open(path, "w", newline="") as f:
        csv.DictWriter(f, ["x"]).writerow({"x": 1, "y": 2})
except ValueError as e:
    print("ValueError:", e)
