import os
import os.path

print(os.path.join("a", "b", "c.txt"), os.path.basename("/x/y/z.py"), os.path.dirname("/x/y/z.py"))
print(os.path.splitext("model.ckpt.pt"), os.path.exists("/definitely/not/here"), os.path.exists("/"))
print(isinstance(os.getcwd(), str))
