# A pystone-like program: records, procedures and loops in the style of the Dhrystone benchmark.
class Record:
    def __init__(self, ptr=None, discr=0, enum=0, int_comp=0, string=""):
        self.ptr = ptr
        self.discr = discr
        self.enum = enum
        self.int_comp = int_comp
        self.string = string

    def copy(self):
        return Record(self.ptr, self.discr, self.enum, self.int_comp, self.string)


IDENT1, IDENT2, IDENT3, IDENT4, IDENT5 = range(1, 6)


class Bench:
    def __init__(self):
        self.int_glob = 0
        self.bool_glob = False
        self.char1 = "\0"
        self.char2 = "\0"
        self.array1 = [0] * 51
        self.array2 = [[0] * 51 for _ in range(51)]
        self.ptr_glob = None

    def proc0(self, loops):
        next_ptr = Record()
        self.ptr_glob = Record(next_ptr, 0, IDENT3, 40, "DHRYSTONE PROGRAM, SOME STRING")
        string1 = "DHRYSTONE PROGRAM, 1'ST STRING"
        self.array2[8][7] = 10
        for _ in range(loops):
            self.proc5()
            self.proc4()
            int1 = 2
            int2 = 3
            string2 = "DHRYSTONE PROGRAM, 2'ND STRING"
            enum = IDENT2
            self.bool_glob = not self.func2(string1, string2)
            while int1 < int2:
                int3 = 5 * int1 - int2
                int3 = self.proc7(int1, int2)
                int1 = int1 + 1
            self.proc8(self.array1, self.array2, int1, int3)
            self.ptr_glob = self.proc1(self.ptr_glob)
            char_index = "A"
            while char_index <= self.char2:
                if enum == self.func1(char_index, "C"):
                    enum = self.proc6(IDENT1)
                char_index = chr(ord(char_index) + 1)
            int3 = int2 * int1
            int2 = int3 // int1
            int2 = 7 * (int3 - int2) - int1
            int1 = self.proc2(int1)
        return self.int_glob

    def proc1(self, ptr):
        ptr.ptr = next_rec = self.ptr_glob.copy()
        ptr.int_comp = 5
        next_rec.int_comp = ptr.int_comp
        next_rec.ptr = ptr.ptr
        next_rec.ptr = self.proc3(next_rec.ptr)
        if next_rec.discr == IDENT1:
            next_rec.int_comp = 6
            next_rec.enum = self.proc6(ptr.enum)
            next_rec.ptr = self.ptr_glob.ptr
            next_rec.int_comp = self.proc7(next_rec.int_comp, 10)
        else:
            ptr = next_rec.copy()
        next_rec.ptr = None
        return ptr

    def proc2(self, int_io):
        int_loc = int_io + 10
        while True:
            if self.char1 == "A":
                int_loc = int_loc - 1
                int_io = int_loc - self.int_glob
                enum = IDENT1
            else:
                enum = IDENT1
            if enum == IDENT1:
                break
        return int_io

    def proc3(self, ptr):
        if self.ptr_glob is not None:
            ptr = self.ptr_glob.ptr
        else:
            self.int_glob = 100
        self.ptr_glob.int_comp = self.proc7(10, self.int_glob)
        return ptr

    def proc4(self):
        bool_loc = self.char1 == "A"
        self.bool_glob = bool_loc or self.bool_glob
        self.char2 = "B"

    def proc5(self):
        self.char1 = "A"
        self.bool_glob = False

    def proc6(self, enum):
        result = enum
        if not self.func3(enum):
            result = IDENT4
        if enum == IDENT1:
            result = IDENT1
        elif enum == IDENT2:
            result = IDENT1 if self.int_glob > 100 else IDENT4
        elif enum == IDENT3:
            result = IDENT2
        elif enum == IDENT5:
            result = IDENT3
        return result

    def proc7(self, int1, int2):
        return int2 + int1 + 2

    def proc8(self, array1, array2, int1, int2):
        int_loc = int1 + 5
        array1[int_loc] = int2
        array1[int_loc + 1] = array1[int_loc]
        array1[int_loc + 30] = int_loc
        for i in range(int_loc, int_loc + 2):
            array2[int_loc][i] = int_loc
        array2[int_loc][int_loc - 1] = array2[int_loc][int_loc - 1] + 1
        array2[int_loc + 20][int_loc] = array1[int_loc]
        self.int_glob = 5

    def func1(self, char1, char2):
        return IDENT1 if char1 != char2 else IDENT2

    def func2(self, str1, str2):
        int_loc = 1
        while int_loc <= 1:
            if self.func1(str1[int_loc], str2[int_loc + 1]) == IDENT1:
                char_loc = "A"
                int_loc = int_loc + 1
        if "W" <= char_loc <= "Z":
            int_loc = 7
        if char_loc == "X":
            return True
        return str1 > str2

    def func3(self, enum):
        return enum == IDENT3


print(Bench().proc0(300000))
